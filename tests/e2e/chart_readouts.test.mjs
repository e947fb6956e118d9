// Reading the charts (issue 3): the switch-interval slider follows the number field and back;
// every chart has a readout that follows the pointer and the arrow keys; SVG charts download as
// PNG images. Values are checked against the data tables, never against timings.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import {
  chooseExperiment, chooseMode, download, fill, runToEnd, tableRows, textMatching, waitForRunEnd,
} from "../support/playground.mjs";

const playground = playgroundForTests();
const SWITCH_INTERVAL = "GIL switch interval (ms, threads + GIL only)";

test("the switch-interval slider spans 0.1 to 100 ms on a log scale and follows the number field", async () => {
  const { page } = playground;
  const slider = page.getByRole("slider", { name: /GIL switch interval slider/ });
  const field = page.getByLabel(SWITCH_INTERVAL, { exact: true });
  await slider.focus();
  await page.keyboard.press("End");
  assert.equal(await field.inputValue(), "100");
  await page.keyboard.press("Home");
  assert.equal(await field.inputValue(), "0.1");
  await fill(page, SWITCH_INTERVAL, 10);
  assert.equal(await slider.inputValue(), "200");
  assert.equal(await slider.getAttribute("aria-valuetext"), "10 ms");
  await page.keyboard.press("Tab");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await field.inputValue(), "9.8");
  await fill(page, SWITCH_INTERVAL, 5);
});

test("the timeline's readout names the worker, the state and its interval, by keyboard and by pointer", async () => {
  const { page } = playground;
  await chooseExperiment(page, "Monte Carlo pi");
  await fill(page, "Samples (points in all)", 2_000_000);
  await fill(page, "Workers (1–100)", 2);
  await chooseMode(page, "threads + GIL");
  assert.match(await runToEnd(page), /^Finished/);
  const readout = page.getByRole("status", { name: "Timeline readout", exact: true });
  assert.match(await readout.textContent(), /arrow keys/);
  const canvas = page.getByRole("img", { name: /^Timeline of 2 worker/ });
  await canvas.focus();
  await page.keyboard.press("ArrowRight");
  await textMatching(readout, /^Worker 1 at \d+\.\d ms: (starting|running|waiting for the GIL) \(from \d+\.\d to \d+\.\d ms, \d+\.\d ms\)$/);
  await page.keyboard.press("ArrowDown");
  await textMatching(readout, /^Worker 2 at /);
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 8 + 11);
  await textMatching(readout, /^Worker 1 at \d+\.\d ms: /);
});

test("the speed-up chart's readout gives each point's figures, as in its table", async () => {
  const { page } = playground;
  await chooseMode(page, "free-threaded");
  await fill(page, "Speed-up study: up to this many workers (2–16)", 2);
  await page.getByRole("button", { name: "Speed-up study" }).click();
  assert.match(await waitForRunEnd(page), /^Finished/);
  const [, two] = await tableRows(page, "Speed-up by workers");
  const chart = page.getByRole("img", { name: /Speed-up against workers/ });
  await chart.focus();
  await page.keyboard.press("End");
  const readout = page.getByRole("status", { name: "Speed-up readout" });
  await textMatching(readout, new RegExp(`^2 worker\\(s\\): speed-up ${two[2]}× \\(ideal 2×, Amdahl fit ${two[4]}×\\), wall time ${two[1]} ms$`));
  const box = await chart.boundingBox();
  await page.mouse.move(box.x + box.width * 0.12, box.y + box.height / 2);
  await textMatching(readout, /^1 worker\(s\): speed-up 1\.00×/);
});

test("the speed-up chart downloads as a PNG image of its size", async () => {
  const { page } = playground;
  const { fileName, bytes } = await download(page, "Download “Speed-up chart” as PNG");
  assert.equal(fileName, "speed-up-chart.png");
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const box = await page.getByRole("img", { name: /Speed-up against workers/ }).boundingBox();
  assert.equal(bytes.readUInt32BE(16), Math.round(box.width * 2));
});

test("the convoy histogram's readout gives each bar's range and count, as in its table", async () => {
  const { page } = playground;
  await chooseExperiment(page, "Convoy");
  await fill(page, "I/O operations", 30);
  await chooseMode(page, "threads + GIL");
  assert.match(await runToEnd(page), /^Finished/);
  const name = /^I\/O response times, threads \+ GIL/;
  const [firstBar] = await tableRows(page, name);
  const chart = page.getByRole("img", { name: /Histogram of I\/O response times/ });
  await chart.focus();
  await page.keyboard.press("End");
  const readout = page.getByRole("status", { name: /^Histogram readout/ });
  await textMatching(readout, / or more ms after the I\/O was done: \d+ operation\(s\)$/);
  const box = await chart.boundingBox();
  await page.mouse.move(box.x + box.width * 0.12, box.y + box.height / 2);
  await textMatching(readout, new RegExp(`^${firstBar[0]} ms after the I/O was done: ${firstBar[1]} operation\\(s\\)$`));
  const { fileName } = await download(page, "Download “I/O response times, threads + GIL” as PNG");
  assert.equal(fileName, "i-o-response-times-threads-gil.png");
});
