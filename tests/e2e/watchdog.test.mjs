// The watchdog: a run that goes on for more than twice its estimate is stopped, and the page
// says so. A real case, not a made-up one: 100 workers under the GIL with a 0.1 ms switch
// interval on a machine with a few cores spend most of their time handing the GIL over (issue
// 16 measured 4–5 times the one-worker estimate), so a countdown estimated at 3 s outlasts 6 s.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, runToEnd } from "../support/playground.mjs";

const playground = playgroundForTests();

test("a run past twice its estimate is stopped by the watchdog, which says why", async () => {
  const { page } = playground;
  await chooseExperiment(page, "Countdown");
  await fill(page, "Count (decrements in all)", 3_000_000_000);
  await fill(page, "Workers (1–100)", 100);
  await chooseMode(page, "threads + GIL");
  await fill(page, "GIL switch interval (ms, threads + GIL only)", 0.1);
  assert.match(await runToEnd(page), /^Stopped by the watchdog: the run went on for [\d.]+ s, more than twice its estimate of 3\.0 s/);
  assert.equal(await page.getByRole("alert").filter({ hasText: "Stopped by the watchdog" }).count(), 1);
  await fill(page, "Count (decrements in all)", 1_000_000);
  await fill(page, "Workers (1–100)", 2);
  assert.match(await runToEnd(page), /^Finished/);
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
