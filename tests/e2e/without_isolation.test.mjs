// The page served without cross-origin isolation headers, in a browser where its service worker
// cannot add them (as inside most course pages): it explains why shared memory is missing, says
// which engine runs, and still runs every mode on the message-passing engine, the GIL being a
// token handed from worker to worker.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import {
  clockJitterMs, chooseMode, fill, intervalsIn, lastResult, overlapsBetweenWorkers, runToEnd,
} from "../support/playground.mjs";

const playground = playgroundForTests({ isolated: false, serviceWorkers: "block" });

test("explains that the page is not cross-origin isolated and what to do", async () => {
  const { page } = playground;
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  const warning = await page.getByRole("alert").filter({ hasText: "not cross-origin isolated" }).textContent();
  assert.match(warning, /Cross-Origin-Opener-Policy: same-origin/);
  assert.match(warning, /Cross-Origin-Embedder-Policy: require-corp/);
});

test("the engine badge says the message-passing engine runs, and why", async () => {
  const badge = await playground.page.getByRole("status", { name: "Engine" }).textContent();
  assert.match(badge, /^Engine: message passing\. This page is not cross-origin isolated/);
});

test("offers every mode", async () => {
  const { page } = playground;
  for (const mode of ["single worker", "threads + GIL", "free-threaded", "processes"]) {
    assert.equal(await page.getByRole("radio", { name: mode, exact: true }).isEnabled(), true, mode);
  }
});

test("estimates pi in every mode with the same answer for the same seed", async () => {
  const { page, errors } = playground;
  await fill(page, "Samples (points in all)", 4_000_000);
  const answers = [];
  for (const mode of ["single worker", "threads + GIL", "free-threaded", "processes"]) {
    await chooseMode(page, mode);
    assert.match(await runToEnd(page), /^Finished/, mode);
    answers.push((await lastResult(page)).Result);
  }
  assert.match(answers[0], /π ≈ 3\.1[34]/);
  assert.deepEqual(new Set(answers).size, 1, answers.join(" | "));
  assert.deepEqual(errors, []);
});

test("under the GIL token, one worker runs at a time and the token changes hands", async () => {
  const { page } = playground;
  // Long enough for the others to start: on a loaded machine a worker of its own can take 250 ms
  // to start, and with 20M samples the first one up ran every task alone (0 hand-offs) in 3 of 8
  // runs; with 100M, in none of 8.
  await fill(page, "Samples (points in all)", 100_000_000);
  await fill(page, "Workers (1–100)", 3);
  await fill(page, "GIL switch interval (ms, threads + GIL only)", 2);
  await chooseMode(page, "threads + GIL");
  assert.match(await runToEnd(page), /^Finished/);
  const overlaps = overlapsBetweenWorkers(await intervalsIn(page, "running"));
  const jitterMs = await clockJitterMs(page);
  assert.deepEqual(overlaps.filter((ms) => ms > jitterMs), []);
  assert.ok(Number((await lastResult(page))["GIL hand-offs"]) > 0);
});

test("free-threaded workers without shared memory run side by side", async () => {
  const { page } = playground;
  // Each task long enough that the second worker starts before the first has run both: on a loaded
  // machine, with 40M samples, it started too late in 2 of 8 runs, and with 200M (0.2 s a task)
  // once at load 24. 2,000M: about 2 s a task.
  await fill(page, "Samples (points in all)", 2_000_000_000);
  await fill(page, "Workers (1–100)", 2);
  await chooseMode(page, "free-threaded");
  assert.match(await runToEnd(page), /^Finished/);
  const overlaps = overlapsBetweenWorkers(await intervalsIn(page, "running"));
  assert.ok(overlaps.some((ms) => ms > 1), "the two workers ran at the same time");
});

test("the Python 3.1 GIL is refused here with the reason", async () => {
  const { page } = playground;
  await chooseMode(page, "threads + GIL");
  await page.getByLabel("GIL policy (threads + GIL only)").selectOption("3.1");
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), false);
  assert.match(await page.getByRole("alert").filter({ hasText: "Python 3.1" }).textContent(), /needs shared memory/);
  await page.getByLabel("GIL policy (threads + GIL only)").selectOption("3.2");
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), true);
});
