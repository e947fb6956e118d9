// Issue 16 point 4: a learner reads how long a run would take before pressing Run, and the
// estimate counts what makes a run long besides its size: the GIL's hand-offs, more workers than
// cores, a short switch interval. A run past the two-minute limit is refused with that figure.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPlayground, playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill } from "../support/playground.mjs";

const playground = playgroundForTests();

const AT_THE_SIZE_LIMIT = "120000000000";

/** The estimate line near Run. */
const estimate = (page) => page.getByText(/^Estimated time: /);

/** Whether Run can be pressed, once the workers are ready (up to 10 s). */
async function runIsEnabled(page) {
  const run = page.getByRole("button", { name: "Run", exact: true });
  const deadline = Date.now() + 10_000;
  while (!(await run.isEnabled()) && Date.now() < deadline) await page.waitForTimeout(50);
  return run.isEnabled();
}

/** The text of the estimate line, which must be visible. */
async function estimateText(page) {
  assert.equal(await estimate(page).isVisible(), true, "no visible estimate near Run");
  return estimate(page).textContent();
}

/** The estimated seconds the line near Run shows (0.1 for "under 0.1 s"). */
async function estimatedSeconds(page) {
  const text = await estimateText(page);
  const match = /(?:about|under) ([\d.]+) s/.exec(text);
  assert.ok(match, `no figure in "${text}"`);
  return Number(match[1]);
}

describe("the estimate before Run", () => {
  test("a small run shows its estimate beside Run, with its mode, workers and cores", async () => {
    const { page } = playground;
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const text = await estimateText(page);
    const unit = cores === 1 ? "core" : "cores";
    assert.match(text, new RegExp(`^Estimated time: (about|under) [\\d.]+ s \\(threads \\+ GIL, 2 workers on ${cores} ${unit}\\)$`));
    assert.equal(await runIsEnabled(page), true);
  });

  test("grows with the GIL mode and with more workers than cores", async () => {
    const { page } = playground;
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await chooseExperiment(page, "Countdown");
    await fill(page, "Count (decrements in all)", 1_000_000_000);
    await fill(page, "GIL switch interval (ms, threads + GIL only)", 0.1);
    await fill(page, "Workers (1–100)", cores);
    await chooseMode(page, "free-threaded");
    const freeThreaded = await estimatedSeconds(page);
    await chooseMode(page, "threads + GIL");
    const gil = await estimatedSeconds(page);
    await fill(page, "Workers (1–100)", Math.min(cores * 8, 100));
    const crowdedGil = await estimatedSeconds(page);
    assert.ok(gil > freeThreaded, `threads + GIL ${gil} s, free-threaded ${freeThreaded} s`);
    assert.ok(crowdedGil > gil, `${cores * 8} workers ${crowdedGil} s, ${cores} workers ${gil} s`);
  });

  test("a countdown at the size limit on one worker shows it takes about the two minutes", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Countdown");
    await chooseMode(page, "single worker");
    await fill(page, "Count (decrements in all)", AT_THE_SIZE_LIMIT);
    assert.match(await estimateText(page), /^Estimated time: about 120 s \(single worker, 1 worker on/);
    assert.equal(await runIsEnabled(page), true);
  });
});

describe("a run past the limit", () => {
  test("typed into the form, is refused with its estimate and the limit, and Run stays off", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Countdown");
    await chooseMode(page, "threads + GIL");
    await fill(page, "Count (decrements in all)", AT_THE_SIZE_LIMIT);
    await fill(page, "Workers (1–100)", 100);
    await fill(page, "GIL switch interval (ms, threads + GIL only)", 0.1);
    const problems = await page.getByRole("alert", { name: "What to fix before running" }).textContent();
    assert.match(problems, /would run for about \d+ s here \(threads \+ GIL, 100 workers on \d+ cores?\); the limit is 120 s/);
    assert.ok(Number(/about (\d+) s/.exec(problems)[1]) > 120, problems);
    assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), false);
    assert.equal(await estimate(page).count(), 0);
  });

  test("opened from a share link, is refused with its estimate and the limit", async () => {
    const fragment = `#v1&x=countdown&p.count=${AT_THE_SIZE_LIMIT}&workers=100&si=0.1&mode=gil`;
    const { page, close } = await openPlayground({ fragment });
    try {
      const message = await page.getByRole("alert").filter({ hasText: "Parts of the link" }).textContent();
      assert.match(message, /p\.count \(This size would run for about \d+ s here \(threads \+ GIL, 100 workers on \d+ cores?\); the limit is 120 s/);
      assert.notEqual(await page.getByLabel("Count (decrements in all)", { exact: true }).inputValue(), AT_THE_SIZE_LIMIT);
    } finally {
      await close();
    }
  });
});
