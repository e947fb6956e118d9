// Run and Stop at any moment, even in the same task: the page always says how the last run
// ended (issue 16, point 6), and Run is usable again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, fill, waitForRunEnd } from "../support/playground.mjs";

const playground = playgroundForTests();

/** Clicks Run, then Stop after `delayMs` (-1: in the same task as Run), from inside the page. */
async function runThenStop(page, delayMs) {
  // Run is disabled until the page's first workers are up: a click then would be ignored.
  await waitForRunEnd(page);
  await page.evaluate((delay) => {
    const button = (name) => [...document.querySelectorAll("button")].find((element) => element.textContent.trim() === name);
    button("Run").click();
    if (delay < 0) button("Stop").click();
    else setTimeout(() => button("Stop").click(), delay);
  }, delayMs);
  await page.waitForTimeout(Math.max(delayMs, 0) + 50);
  const ended = await waitForRunEnd(page);
  assert.notEqual(ended, "", "Run was pressed, so a run started and ended");
  return ended;
}

const ENDED = /^(Stopped|Finished)\b/;

test("run and stop in the same task: the notice says how the run ended", async () => {
  const { page } = playground;
  await chooseExperiment(page, "Monte Carlo pi");
  // Seconds of work on any machine, so that a Stop after 300 ms finds it running.
  await fill(page, "Samples (points in all)", 2_000_000_000);
  assert.match(await runThenStop(page, -1), ENDED);
});

test("stop pressed at random moments always leaves a notice of how the run ended", async () => {
  const { page } = playground;
  for (const delayMs of [0, 1, 5, 20, 80, 200]) {
    const ended = await runThenStop(page, delayMs);
    assert.match(ended, ENDED, `Stop after ${delayMs} ms`);
  }
  assert.match(await runThenStop(page, 300), /^Stopped\b/, "a run of seconds stopped after 300 ms says it was stopped");
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
