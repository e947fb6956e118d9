// Benchmark: Monte Carlo pi with 2 workers in each mode, in headless Chromium against dist/.
// Prints median wall times and the ratios to the single-worker run, measured in this one run.
// Figures, not assertions: timing belongs here, never in the tests.
import { openPlayground } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, lastResult, runToEnd } from "../support/playground.mjs";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const MODES = ["single worker", "threads + GIL", "free-threaded", "processes"];

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const { page, close } = await openPlayground();
try {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await chooseExperiment(page, "Monte Carlo pi");
  await fill(page, "Samples (points in all)", SAMPLES);
  await fill(page, "Workers (1–100)", 2);
  const walls = Object.fromEntries(MODES.map((mode) => [mode, []]));
  // One discarded round first: the browser optimises the hot loops during the first runs.
  for (let round = 0; round <= REPEATS; round++) {
    for (const mode of MODES) {
      await chooseMode(page, mode);
      await runToEnd(page);
      if (round > 0) walls[mode].push(Number((await lastResult(page))["Wall time (ms)"]));
    }
  }
  const serial = median(walls["single worker"]);
  console.log(`Monte Carlo pi, ${SAMPLES} samples, 2 workers, ${cores} cores, median of ${REPEATS} runs`);
  for (const mode of MODES) {
    const wall = median(walls[mode]);
    console.log(`${mode.padEnd(14)} wall ${String(wall).padStart(6)} ms   ${mode}/serial ${(wall / serial).toFixed(2)}   runs: ${walls[mode].join(", ")}`);
  }
} finally {
  await close();
}
