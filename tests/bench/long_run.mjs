// The long-run section of the benchmark (BENCH_ONLY=long-run): does the page stay flat however
// long a run is? One countdown run of the largest size the form allows (on 2 cores about two
// minute: the largest count whose estimate, which counts the GIL's hand-offs, is within the
// form's 120 s limit, found by halving from 120 billion and then bisecting; a decrement costs
// about 0.5 ns against the estimate's 1 ns, so no valid countdown outlasts about 40 s on 2
// cores; stopped after the last checkpoint), 16 workers, threads + GIL at the shortest switch
// interval (0.1 ms), the most state changes a valid run records. At 5, 15 and 30 s into it: the
// JS heap after a garbage collection (performance.memory with --enable-precise-memory-info), the
// WebAssembly memory (its buffer's byteLength), the main thread's CPU per second (its thread
// time from the DevTools metrics over the next two seconds: a trace misses a task that outlasts
// it, as a 90 s run's redraws did) and how long the page takes to answer a key press (from the
// event's time stamp to the timeline readout changing). Figures only, never asserted.
import { toolbar } from "../support/playground.mjs";
import { setUp } from "./measure.mjs";
import { fixed, printTable } from "./report.mjs";

/** The seconds into the run at which the page is measured. */
const CHECKPOINTS_S = [5, 15, 30];
/** The run, as the form takes it. */
const LONG_RUN = { experiment: "Countdown", mode: "threads + GIL", workers: 16, switchIntervalMs: 0.1 };
const SIZE_FIELD = "Count (decrements in all)";
/** The size the form accepts for one worker (its 120 s estimate at 1 ns per decrement). */
const MOST_DECREMENTS = 120_000_000_000;
/** Seconds over which the main thread's CPU time is measured after each checkpoint. */
const CPU_WINDOW_S = 2;
/** Key presses timed at each checkpoint. */
const PRESSES = 5;

/** Chromium's flag that makes performance.memory exact instead of bucketed. */
export const PRECISE_MEMORY_ARGS = ["--enable-precise-memory-info"];

/**
 * In the page, before its scripts: keeps every WebAssembly.Memory made, so that the bench can
 * read the shared memory's size (wasm-bindgen keeps it to itself).
 */
function keepWebAssemblyMemories() {
  const Original = WebAssembly.Memory;
  const kept = [];
  function Memory(descriptor) {
    const memory = new Original(descriptor);
    kept.push(memory);
    return memory;
  }
  Memory.prototype = Original.prototype;
  WebAssembly.Memory = Memory;
  window.benchMemories = kept;
}

/** Sets the long run up with the largest count the form lets run (within 3 %). */
async function largestAcceptedCount(page) {
  const run = page.getByRole("button", { name: "Run", exact: true });
  const accepts = async (count) => {
    await setUp(page, { ...LONG_RUN, parameters: { [SIZE_FIELD]: Math.round(count) } });
    return run.isEnabled();
  };
  let accepted = MOST_DECREMENTS;
  while (!(await accepts(accepted))) {
    accepted /= 2;
    if (accepted < 1_000_000) throw new Error("the form refused every size of the long run");
  }
  let refused = Math.min(accepted * 2, MOST_DECREMENTS * 1.01);
  while (refused / accepted > 1.03) {
    const middle = (accepted + refused) / 2;
    if (await accepts(middle)) accepted = middle;
    else refused = middle;
  }
  await accepts(accepted);
  return Math.round(accepted);
}

/** Measures the long run; returns its figures after printing them. */
export async function longRun(page) {
  await page.addInitScript(keepWebAssemblyMemories);
  await page.reload();
  await page.getByRole("button", { name: "Run", exact: true }).waitFor();
  const count = await largestAcceptedCount(page);
  const started = Date.now();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const canvas = page.getByRole("img", { name: /^Timeline of/ });
  const rows = [];
  for (const seconds of CHECKPOINTS_S) {
    await sleepUntil(started + seconds * 1000);
    if (await runHasEnded(page)) break;
    const atS = (Date.now() - started) / 1000;
    const memory = await memoryAfterCollection(page);
    const mainThreadCpuMsPerS = await mainThreadCpuPerSecond(page);
    const latencies = await keyLatencies(page, canvas);
    rows.push({ seconds, atS, ...memory, mainThreadCpuMsPerS, ...latencies });
  }
  const ranS = (Date.now() - started) / 1000;
  if (!(await runHasEnded(page))) await toolbar(page).getByRole("button", { name: "Stop", exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Run" && !b.disabled),
    null, { polling: 1000, timeout: 300_000 });
  const figures = { count, ranS, rows, growthBetweenLastCheckpoints: growth(rows) };
  report(figures);
  return figures;
}

async function sleepUntil(time) {
  const wait = time - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

function runHasEnded(page) {
  return page.evaluate(() => [...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Run" && !b.disabled));
}

/** The main thread's CPU milliseconds per second of wall time over the next CPU_WINDOW_S seconds. */
async function mainThreadCpuPerSecond(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const read = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map(({ name, value }) => [name, value]));
  const before = await read();
  await sleepUntil(Date.now() + CPU_WINDOW_S * 1000);
  const after = await read();
  await cdp.detach();
  return ((after.ThreadTime - before.ThreadTime) / (after.Timestamp - before.Timestamp)) * 1000;
}

/** The JS heap in use once garbage is collected, and the WebAssembly memory's size, in bytes. */
async function memoryAfterCollection(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  return page.evaluate(memoryNow);
}

/** In the page: the JS heap in use and the WebAssembly memory's size, in bytes. */
function memoryNow() {
  const wasmBytes = (window.benchMemories ?? []).reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
  return { jsHeapBytes: performance.memory?.usedJSHeapSize ?? NaN, wasmBytes };
}

/**
 * Focuses the timeline and presses ArrowDown and ArrowUp in turn: each moves its readout to
 * another worker. A latency runs from the key event's time stamp (when the browser took the
 * input) to the readout's text changing, so it includes any wait behind the page's own tasks.
 */
async function keyLatencies(page, canvas) {
  await canvas.focus();
  const latencies = [];
  for (let press = 0; press < PRESSES; press++) {
    await page.evaluate(watchReadout);
    await page.keyboard.press(press % 2 === 0 ? "ArrowDown" : "ArrowUp");
    const handle = await page.waitForFunction(() => window.benchReadout.changedAt, null, { polling: 20, timeout: 30_000 })
      .catch(() => null);
    latencies.push(handle ? await page.evaluate(() => window.benchReadout.changedAt - window.benchReadout.keyAt) : NaN);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return { inputMedianMs: sorted[sorted.length >> 1], inputLongestMs: sorted.at(-1) };
}

/** In the page: notes when the next key goes down and when the timeline readout next changes. */
function watchReadout() {
  const readout = document.querySelector("p.readout[aria-label='Timeline readout']");
  const watch = { keyAt: NaN, changedAt: 0 };
  addEventListener("keydown", (event) => { watch.keyAt = event.timeStamp; }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    watch.changedAt = performance.now();
    observer.disconnect();
  });
  observer.observe(readout, { childList: true, characterData: true, subtree: true });
  window.benchReadout = watch;
}

/** Growth of each figure from the second checkpoint to the last, in per cent. */
function growth(rows) {
  const [atSecond, atLast] = [rows.find((row) => row.seconds === CHECKPOINTS_S[1]), rows.find((row) => row.seconds === CHECKPOINTS_S[2])];
  if (!atSecond || !atLast) return null;
  const percent = (key) => ((atLast[key] - atSecond[key]) / atSecond[key]) * 100;
  return { jsHeapPercent: percent("jsHeapBytes"), wasmPercent: percent("wasmBytes"), mainThreadCpuPercent: percent("mainThreadCpuMsPerS") };
}

function report({ count, ranS, rows, growthBetweenLastCheckpoints }) {
  const mib = (bytes) => fixed(bytes / 2 ** 20, 1);
  printTable(`A long run: countdown (${count} decrements, stopped after ${fixed(ranS, 0)} s), 16 workers, threads + GIL, 0.1 ms switch interval; targets: growth < 10 % from 15 s to 30 s, input answered < 100 ms`,
    ["at (s)", "JS heap (MiB)", "WebAssembly memory (MiB)", `main-thread CPU (ms per s, next ${CPU_WINDOW_S} s)`, "key to readout, median (ms)", "longest (ms)"],
    rows.map((row) => [fixed(row.atS, 1), mib(row.jsHeapBytes), mib(row.wasmBytes), fixed(row.mainThreadCpuMsPerS, 0), fixed(row.inputMedianMs, 0), fixed(row.inputLongestMs, 0)]));
  if (growthBetweenLastCheckpoints) {
    printTable("Growth from 15 s to 30 s", ["JS heap", "WebAssembly memory", "main-thread CPU per second"],
      [[`${fixed(growthBetweenLastCheckpoints.jsHeapPercent, 1)} %`, `${fixed(growthBetweenLastCheckpoints.wasmPercent, 1)} %`, `${fixed(growthBetweenLastCheckpoints.mainThreadCpuPercent, 1)} %`]]);
  } else {
    console.log("\nThe run ended before 30 s: no growth figure.");
  }
}
