// The watchdog: a run that goes on for more than twice its estimate is stopped, and the page
// says so. The estimate divides the work by the page's cores; this page claims 100
// (navigator.hardwareConcurrency), so 100 free-threaded workers are expected to share 10^11
// decrements in about a second, and no run is stopped in its first 5 s. On the machine's few real
// cores each core has 50 times the work the estimate gave it (12 times on 8 cores): the run
// outlasts the 5 s however fast the cores are, as a learner's page that claims more cores than it
// has would make it.
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
  await fill(page, "Count (decrements in all)", 100_000_000_000);
  await fill(page, "Workers (1–100)", 100);
  await chooseMode(page, "free-threaded");
  assert.match(await runToEnd(page), /^Stopped by the watchdog: the run went on for [5-9]\.\d s, more than twice its estimate of [0-2]\.\d s/);
  assert.equal(await page.getByRole("alert").filter({ hasText: "Stopped by the watchdog" }).count(), 1);
  await fill(page, "Count (decrements in all)", 1_000_000);
  await fill(page, "Workers (1–100)", 2);
  assert.match(await runToEnd(page), /^Finished/);
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
