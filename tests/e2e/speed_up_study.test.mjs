// The speed-up study: 1, 2, … N workers, measured speed-ups beside the ideal line and an
// Amdahl fit (issue 3, second part). Figures are checked for shape, never for speed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, tableRows, waitForRunEnd } from "../support/playground.mjs";

const playground = playgroundForTests();

test("the study runs 1 to N workers and charts speed-up with the ideal line and an Amdahl fit", async () => {
  const { page, errors } = playground;
  await chooseExperiment(page, "Monte Carlo pi");
  await fill(page, "Samples (points in all)", 10_000_000);
  await chooseMode(page, "free-threaded");
  await fill(page, "Speed-up study: up to this many workers (2–16)", 3);
  await page.getByRole("button", { name: "Speed-up study" }).click();
  assert.match(await waitForRunEnd(page), /^Finished/);

  const rows = await tableRows(page, "Speed-up by workers");
  assert.deepEqual(rows.map((row) => row[0]), ["1", "2", "3"]);
  assert.equal(rows[0][2], "1.00");
  for (const [workers, wall, speedUp, ideal, fit] of rows) {
    assert.ok(Number(wall) > 0 && Number(speedUp) > 0, `row ${workers}`);
    assert.equal(Number(ideal), Number(workers));
    assert.match(fit, /^\d+\.\d\d$/);
  }
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(rows.filter((row) => row[5] === "more workers than cores").length, Math.max(0, 3 - cores));
  const summary = await page.getByRole("region", { name: /Speed-up study/ }).getByRole("status").filter({ hasText: "serial fraction" }).textContent();
  assert.match(summary, /serial fraction \(Amdahl fit\): f = [01]\.\d\d/);
  assert.ok(await page.getByRole("img", { name: /Speed-up against workers, 1 to 3/ }).isVisible());
  assert.deepEqual(errors, []);
  await saveScreenshot(page, "speed-up-study");
});

test("a study past 16 workers is refused with the limit named", async () => {
  const { page } = playground;
  await fill(page, "Speed-up study: up to this many workers (2–16)", 17);
  assert.equal(await page.getByRole("button", { name: "Speed-up study" }).isEnabled(), false);
  assert.match(await page.getByRole("alert").filter({ hasText: "speed-up study" }).textContent(), /between 2 and 16/);
  await fill(page, "Speed-up study: up to this many workers (2–16)", 2);
  assert.equal(await page.getByRole("button", { name: "Speed-up study" }).isEnabled(), true);
});
