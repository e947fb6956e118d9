// Exports (issue 3): every data table downloads as CSV holding what the table shows, and the
// timeline downloads as a PNG image.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, download, fill, runToEnd, tableRows } from "../support/playground.mjs";

const playground = playgroundForTests();

describe("after a run", () => {
  test("the per-worker table downloads as CSV with the same rows", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Monte Carlo pi");
    await fill(page, "Samples (points in all)", 2_000_000);
    await fill(page, "Workers (1–100)", 2);
    await chooseMode(page, "free-threaded");
    await runToEnd(page);
    const { fileName, bytes } = await download(page, "Download “Time per worker and state” as CSV");
    assert.equal(fileName, "time-per-worker-and-state.csv");
    const lines = bytes.toString("utf8").split("\r\n");
    assert.equal(lines[0], "Worker,running,waiting for the GIL,in I/O,starting,idle");
    const rows = await tableRows(page, "Time per worker and state");
    assert.deepEqual(lines.slice(1), rows.map((row) => row.join(",")));
  });

  test("the results table downloads as CSV, one line per run", async () => {
    const { page } = playground;
    const { bytes } = await download(page, "Download “Results” as CSV");
    const lines = bytes.toString("utf8").split("\r\n");
    assert.match(lines[0], /^Run,Experiment,Mode,Workers,Wall time \(ms\)/);
    assert.equal(lines.length - 1, (await tableRows(page, "Results")).length);
  });

  test("the timeline downloads as a PNG image", async () => {
    const { page } = playground;
    const { fileName, bytes } = await download(page, "Download “Timeline” as PNG");
    assert.equal(fileName, "timeline.png");
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });
});
