// dist/ on a static host that sends no headers at all (issue 4): the full page registers its
// service worker, reloads once, and then runs on shared memory, saying why it reloaded.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseMode, fill, lastResult, runToEnd } from "../support/playground.mjs";

const playground = playgroundForTests({ isolated: false });

/** Whether the page is cross-origin isolated, once it has settled after its reload. */
async function isolatedAfterReload(page) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const isolated = await page.evaluate(() => crossOriginIsolated).catch(() => false);
    if (isolated) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

test("on a host without headers the page isolates itself after one reload and says why", async () => {
  const { page } = playground;
  assert.equal(await isolatedAfterReload(page), true);
  await page.getByRole("button", { name: "Run", exact: true }).waitFor();
  const machine = page.getByRole("region", { name: "This machine" });
  assert.match(await machine.textContent(), /service worker adds them: that is why the page reloaded once/);
  assert.match(await page.getByRole("status", { name: "Engine" }).textContent(), /^Engine: shared memory/);
});

test("after the reload, threads + GIL run on a real lock in shared memory", async () => {
  const { page, errors } = playground;
  await fill(page, "Samples (points in all)", 2_000_000);
  await chooseMode(page, "threads + GIL");
  assert.match(await runToEnd(page), /^Finished/);
  assert.match((await lastResult(page)).Result, /π ≈ 3\.1[34]/);
  assert.deepEqual(errors, []);
});
