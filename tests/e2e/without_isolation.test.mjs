// The page served without cross-origin isolation headers (as inside most course pages):
// it explains why shared memory is missing, turns off the modes that need it, and still runs
// the processes mode.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { fill, lastResult, runToEnd } from "../support/playground.mjs";

const playground = playgroundForTests({ isolated: false });

test("explains that the page is not cross-origin isolated and what to do", async () => {
  const { page } = playground;
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  const warning = await page.getByRole("alert").filter({ hasText: "not cross-origin isolated" }).textContent();
  assert.match(warning, /Cross-Origin-Opener-Policy: same-origin/);
  assert.match(warning, /Cross-Origin-Embedder-Policy: require-corp/);
});

test("offers only the processes mode", async () => {
  const { page } = playground;
  for (const mode of ["single worker", "threads + GIL", "free-threaded"]) {
    assert.equal(await page.getByRole("radio", { name: mode, exact: true }).isDisabled(), true, mode);
  }
  assert.equal(await page.getByRole("radio", { name: "processes", exact: true }).isChecked(), true);
});

test("still estimates pi with processes", async () => {
  const { page, errors } = playground;
  await fill(page, "Samples (points in all)", 4_000_000);
  assert.match(await runToEnd(page), /^Finished/);
  const estimate = Number((await lastResult(page)).Result.match(/π ≈ ([\d.]+)/)[1]);
  assert.ok(Math.abs(estimate - Math.PI) < 0.01, `estimate ${estimate}`);
  assert.deepEqual(errors, []);
});
