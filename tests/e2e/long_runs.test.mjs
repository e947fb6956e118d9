// Long runs (issue 12, point 2): a run with more state changes than a lane keeps one by one
// (8,448 at most) still shows every lane's states, its older part summarised: on the timeline,
// in its readout, in the time-per-state table (exact), in the events table and its CSV, and in
// a share link's recording, which say so.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, download, fill, lastResult, runToEnd, tableRows, textMatching } from "../support/playground.mjs";

const playground = playgroundForTests();

/** The timeline canvas's layout (src/charts/timeline_drawing.rs), in CSS pixels. */
const LANE = { left: 76, top: 8, height: 22, gap: 6 };

/** In the page: how many pixels of each state's colour each lane of the timeline has in the first fifth of its plot. */
function coloursInEarlyLanes({ lanes, layout, colours }) {
  const canvas = document.querySelector("canvas.timeline");
  const ratio = canvas.width / canvas.clientWidth;
  const context = canvas.getContext("2d");
  const plotWidth = canvas.clientWidth - layout.left - 16;
  return Array.from({ length: lanes }, (_, lane) => {
    const top = layout.top + lane * (layout.height + layout.gap);
    const x = Math.round(layout.left * ratio);
    const { data } = context.getImageData(x, Math.round(top * ratio), Math.round((plotWidth / 5) * ratio), Math.round(layout.height * ratio));
    const counts = Object.fromEntries(Object.keys(colours).map((name) => [name, 0]));
    for (let i = 0; i < data.length; i += 4) {
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) counts[name]++;
      }
    }
    return counts;
  });
}

describe("a run long enough to be summarised (2 workers, 10,000 sleeps of 1 ms: some 10,000 state changes each)", () => {
  test("runs to the end", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Sleep (blocking I/O)");
    await fill(page, "Sleeps (tasks)", 10_000);
    await fill(page, "Milliseconds per sleep", 1);
    await fill(page, "Workers (1–100)", 2);
    await chooseMode(page, "threads + GIL");
    assert.match(await runToEnd(page), /^Finished/);
  });

  test("the timeline still shows every lane's states in its summarised past", async () => {
    const { page } = playground;
    const colours = { "in I/O": [0x75, 0x70, 0xb3] };
    const lanes = await page.evaluate(coloursInEarlyLanes, { lanes: 2, layout: LANE, colours });
    for (const [lane, counts] of lanes.entries()) {
      assert.ok(counts["in I/O"] > 100, `worker ${lane + 1}: ${JSON.stringify(counts)}`);
    }
  });

  test("the readout gives the time per state of a summarised span", async () => {
    const { page } = playground;
    const readout = page.getByRole("status", { name: "Timeline readout", exact: true });
    await page.getByRole("img", { name: /^Timeline of 2 worker/ }).focus();
    for (const [key, worker] of [["Home", 1], ["ArrowDown", 2]]) {
      await page.keyboard.press(key);
      await textMatching(readout, new RegExp(`^Worker ${worker} at 0\\.0 ms: summarised, from 0\\.0 to \\d+\\.\\d ms: .*\\d+\\.\\d ms`));
    }
    await page.keyboard.press("End");
    await textMatching(readout, /^Worker 2 at \d+\.\d ms: [a-z ]+ \(from /);
  });

  test("the time per state stays exact: the workers' running time adds up to the busy time", async () => {
    const { page } = playground;
    const running = (await tableRows(page, "Time per worker and state")).map((row) => Number(row[1]));
    const busyMs = Number((await lastResult(page))["Busy time, summed (ms)"]);
    assert.ok(Math.abs(running[0] + running[1] - busyMs) <= 1, `${running} against ${busyMs}`);
  });

  test("the events table and its CSV say that they are summarised", async () => {
    const { page } = playground;
    await page.getByText("Every state change, as a table").click();
    const rows = await tableRows(page, "Timeline events");
    assert.ok(rows.some((row) => row[1] === "in I/O (summary)"), "no summary rows");
    assert.ok(rows.some((row) => row[1] === "in I/O"), "no rows in full");
    const { bytes } = await download(page, "Download “Timeline events” as CSV");
    const lines = bytes.toString("utf8").split("\r\n");
    assert.equal(lines[0], "Worker,State,From (ms),To (ms),Time in the state (ms)");
    assert.match(lines.at(-1), /^"?Summarised: this run was long/);
  });

  test("a share link carrying it opens with its timeline labelled as simplified", async () => {
    const { page, context } = playground;
    await page.getByRole("checkbox", { name: /^Include the last run's results/ }).check();
    const link = await page.getByLabel("Link to this experiment").inputValue();
    assert.match(link, /&rec=\d+\.\d+\.[^&]*\.s(&|$)/);
    const fresh = await context.newPage();
    try {
      await fresh.goto(link);
      const recorded = fresh.getByRole("status").filter({ hasText: /^Recorded on a \d+-core machine, not run here yet/ });
      assert.match(await recorded.textContent(), /Its timeline is simplified: each worker shows the state it spent most time in per span\./);
      assert.equal((await tableRows(fresh, "Time per worker and state")).length, 2);
    } finally {
      await fresh.close();
    }
  });
});
