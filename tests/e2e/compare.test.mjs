// Compare: one click runs the experiment in every mode; wall times side by side and the four
// timelines stacked on one time axis (issue 3, first part).
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { chooseExperiment, download, fill, tableRows, textMatching, waitForRunEnd, toolbar } from "../support/playground.mjs";

const MODES = ["single worker", "threads + GIL", "free-threaded", "processes"];

const playground = playgroundForTests();

test("Compare all modes runs every mode once, single worker first, and charts their wall times", async () => {
  const { page, errors } = playground;
  await chooseExperiment(page, "Monte Carlo pi");
  await fill(page, "Samples (points in all)", 20_000_000);
  await page.getByRole("button", { name: "Compare all modes" }).click();
  assert.match(await waitForRunEnd(page), /^Finished/);

  const bars = await tableRows(page, "Wall time by mode");
  assert.deepEqual(bars.map(([mode]) => mode), MODES);
  for (const [mode, wall] of bars) assert.ok(Number(wall) > 0, `${mode}: ${wall}`);

  const results = await tableRows(page, "Results");
  assert.deepEqual(results.slice(-4).map((row) => row[2]), MODES);
  for (const row of results.slice(-4)) assert.match(row.at(-1), /π ≈ 3\.14/);
  // Every run after the single-worker one has a speed-up against it.
  for (const row of results.slice(-3)) assert.match(row[6], /^\d+\.\d\d×$/);

  for (const mode of MODES) {
    const lanes = await tableRows(page, `Time per worker and state, ${mode}`);
    assert.equal(lanes.length, mode === "single worker" ? 1 : 2, mode);
  }
  assert.deepEqual(errors, []);
  await saveScreenshot(page, "compare");
});

test("the wall-time chart reads out each bar, as in its table, and downloads as PNG", async () => {
  const { page } = playground;
  const bars = await tableRows(page, "Wall time by mode");
  const chart = page.getByRole("img", { name: /^Wall time of each mode/ });
  await chart.focus();
  await page.keyboard.press("End");
  const [mode, wall, ratio] = bars.at(-1);
  const readout = page.getByRole("status", { name: "Wall time readout" });
  await textMatching(readout, new RegExp(`^${mode}: ${wall} ms, ${ratio} × the single worker run$`));
  const { fileName, bytes } = await download(page, "Download “Wall time by mode” as PNG");
  assert.equal(fileName, "wall-time-by-mode.png");
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(await page.getByRole("button", { name: "Download “Timeline, threads + GIL” as PNG" }).isVisible());
});

test("Stop during a comparison ends it, and Compare works again", async () => {
  const { page } = playground;
  await fill(page, "Samples (points in all)", 1_000_000_000);
  await page.getByRole("button", { name: "Compare all modes" }).click();
  await page.waitForTimeout(300);
  await toolbar(page).getByRole("button", { name: "Stop", exact: true }).click();
  assert.match(await waitForRunEnd(page), /^Stopped/);
  await fill(page, "Samples (points in all)", 2_000_000);
  await page.getByRole("button", { name: "Compare all modes" }).click();
  assert.match(await waitForRunEnd(page), /^Finished/);
  assert.equal((await tableRows(page, "Wall time by mode")).length, 4);
});
