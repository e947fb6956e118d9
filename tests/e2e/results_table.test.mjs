// Issue 16: the results table shows the last 100 runs, so the page stays as quick after hundreds
// of runs; all of them can be shown on asking, and the CSV download always holds every run.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, download, fill, runToEnd, tableRows } from "../support/playground.mjs";

const playground = playgroundForTests();

const RUNS = 105;

describe("the results table after more than 100 runs", () => {
  test("shows the last 100, all of them on asking, and downloads all", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Countdown");
    await fill(page, "Count (decrements in all)", 1000);
    await chooseMode(page, "single worker");
    await fill(page, "Workers (1–100)", 1);
    for (let run = 1; run <= RUNS; run++) {
      assert.match(await runToEnd(page), /^Finished/, `run ${run}`);
    }
    let rows = await tableRows(page, "Results");
    assert.equal(rows.length, 100);
    assert.deepEqual([rows[0][0], rows.at(-1)[0]], [String(RUNS - 99), String(RUNS)]);
    await page.getByText(`Showing the last 100 of ${RUNS} results.`).waitFor();

    const { bytes } = await download(page, "Download “Results” as CSV");
    const lines = bytes.toString("utf8").split("\r\n");
    assert.equal(lines.length, RUNS + 1);
    assert.match(lines[0], /^Run,Experiment,Mode,Workers,Wall time \(ms\)/);
    assert.match(lines[1], /^1,Countdown,single worker,1,/);
    assert.match(lines.at(-1), new RegExp(`^${RUNS},Countdown,single worker,1,`));

    await page.getByRole("button", { name: `Show all ${RUNS} results` }).click();
    rows = await tableRows(page, "Results");
    assert.deepEqual([rows.length, rows[0][0]], [RUNS, "1"]);
    await page.getByRole("button", { name: "Show only the last 100 results" }).click();
    assert.equal((await tableRows(page, "Results")).length, 100);
  });
});
