// The watchdog: a run that goes on for more than twice its estimate is stopped, and the page
// says so. The estimate counts the GIL's hand-offs by the workers per core; this page claims 100
// cores (navigator.hardwareConcurrency), so it expects 100 workers under the GIL at 0.1 ms to
// run almost as one (about 3.2 s for this countdown), while on the few real cores they spend most
// of their time handing the GIL over (issue 16 measured 4–5 times the one-worker time): the
// estimate is wrong as a learner's machine can make it wrong, and the run outlasts twice it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, runToEnd } from "../support/playground.mjs";

const playground = playgroundForTests({
  initScript: () => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => 100 }),
});

test("a run past twice its estimate is stopped by the watchdog, which says why", async () => {
  const { page } = playground;
  await chooseExperiment(page, "Countdown");
  await fill(page, "Count (decrements in all)", 3_000_000_000);
  await fill(page, "Workers (1–100)", 100);
  await chooseMode(page, "threads + GIL");
  await fill(page, "GIL switch interval (ms, threads + GIL only)", 0.1);
  assert.match(await runToEnd(page), /^Stopped by the watchdog: the run went on for [\d.]+ s, more than twice its estimate of 3\.\d s/);
  assert.equal(await page.getByRole("alert").filter({ hasText: "Stopped by the watchdog" }).count(), 1);
  await fill(page, "Count (decrements in all)", 1_000_000);
  await fill(page, "Workers (1–100)", 2);
  assert.match(await runToEnd(page), /^Finished/);
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
