// The pool of thread workers shrinks when idle: after a run with many workers, the page keeps
// them for a while (the same run again starts at once), then ends all but those it keeps at all
// times (as many as cores, 2 to 8), instead of keeping every worker until the page is reloaded.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, runToEnd } from "../support/playground.mjs";

/** The pool's idle time before it shrinks (thread_pool.rs), and some slack for a busy machine. */
const SHRINKS_AFTER_MS = 10_000;
const SLACK_MS = 5_000;
const WORKERS = 24;
/** Workers the Program panel starts with the page and keeps (python_run.rs), beside the experiments'. */
const PROGRAM_WORKERS_KEPT = 3;

const playground = playgroundForTests();

const threadWorkers = (page) => page.evaluate(() => window.wasmBindings.thread_workers());

test(`after a ${WORKERS}-worker run the pool keeps its workers for a while, then shrinks to the core count`, async () => {
  const { page } = playground;
  const kept = await page.evaluate(() => Math.min(Math.max(navigator.hardwareConcurrency, 2), 8));
  await chooseExperiment(page, "Monte Carlo pi");
  await fill(page, "Samples (points in all)", 2_000_000);
  await fill(page, "Workers (1–100)", WORKERS);
  await chooseMode(page, "free-threaded");
  assert.match(await runToEnd(page), /^Finished/);
  assert.equal(await threadWorkers(page), WORKERS + PROGRAM_WORKERS_KEPT, "every worker of the run is kept just after it");
  const deadline = Date.now() + SHRINKS_AFTER_MS + SLACK_MS;
  while ((await threadWorkers(page)) > kept + PROGRAM_WORKERS_KEPT && Date.now() < deadline) await page.waitForTimeout(250);
  assert.equal(await threadWorkers(page), kept + PROGRAM_WORKERS_KEPT, "idle workers beyond the core count have ended");
  assert.match(await runToEnd(page), /^Finished/, "the next run starts the workers it lacks again");
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
