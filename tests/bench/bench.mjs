// The benchmark command: speed and size figures of the built playground in headless Chromium,
// beside the same engine code built natively, as ratios measured in this one run. Prints markdown
// tables and writes the same figures to bench-results/bench.json. Nothing here is asserted.
// Run by scripts/bench after a release build; BENCH_REPEATS sets the runs per figure.
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, openPlayground } from "../support/browser.mjs";
import { chooseExperiment, lastResult, tableRows, waitForRunEnd } from "../support/playground.mjs";
import { longRun, PRECISE_MEMORY_ARGS } from "./long_run.mjs";
import { handOffGaps, measureRun, median, medianRun, percentile, runningIntervals, runWithoutWatching, setUp } from "./measure.mjs";
import { fixed, printTable, writeJson } from "./report.mjs";
import { memoryFigures } from "./browser_memory.mjs";
import { pythonBench } from "./python.mjs";
import { pythonThreads } from "./python_threads.mjs";
import { startUp } from "./start_up.mjs";
import { workerCpuMeter } from "./worker_cpu.mjs";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
/** BENCH_ONLY (names separated by commas: page, speedup, kernels, recorder, handoff, smoothness, compare, gilcost, idlepool, long-run, python, python-threads) measures some sections only. */
const ONLY = process.env.BENCH_ONLY?.split(",");
const PI_SAMPLES = 300_000_000;
const figures = {};

/** Runs an example of the engine crate (built natively in release mode) and parses its JSON line. */
function nativeExample(name, ...args) {
  const command = ["+stable", "run", "--quiet", "--release", "-p", "engine", "--example", name, "--", ...args];
  const output = execFileSync("cargo", command, { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1));
}

async function pageSize() {
  const wasmName = (await readdir(DIST)).find((name) => name.endsWith(".wasm"));
  const wasm = await readFile(join(DIST, wasmName));
  figures.wasm = { file: wasmName, rawBytes: wasm.length, gzipBytes: gzipSync(wasm, { level: 9 }).length };
  // The Program panel's editor (CodeMirror), imported once the page has drawn it.
  const editor = await readFile(join(DIST, "program-editor.js"));
  figures.editorBundle = { rawBytes: editor.length, gzipBytes: gzipSync(editor, { level: 9 }).length };
}

/** Milliseconds from navigation to a Run button that can be pressed, over a few reloads. */
async function timeToInteractive(page) {
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    await page.reload();
    const handle = await page.waitForFunction(() => {
      const run = [...document.querySelectorAll("button")].find((button) => button.textContent.trim() === "Run");
      return run && !run.disabled && performance.now();
    }, null, { polling: 10, timeout: 30_000 });
    times.push(await handle.jsonValue());
  }
  figures.timeToInteractiveMs = { median: median(times), runs: times };
  printTable("The page", ["figure", "value"], [
    ["wasm, raw", `${fixed(figures.wasm.rawBytes / 1024, 0)} KiB`],
    ["wasm, gzip -9", `${fixed(figures.wasm.gzipBytes / 1024, 0)} KiB`],
    ["navigation to interactive (Run enabled), median", `${fixed(median(times), 0)} ms (runs: ${times.map((t) => fixed(t, 0)).join(", ")})`],
    ["program editor bundle (CodeMirror), raw", `${fixed(figures.editorBundle.rawBytes / 1024, 0)} KiB`],
    ["program editor bundle, gzip -9", `${fixed(figures.editorBundle.gzipBytes / 1024, 0)} KiB`],
  ]);
}

/** Start-up with the program worker's rehearsal and without, alternating loads (`start_up.mjs`). */
async function startUpWithAndWithoutRehearsal() {
  const repeats = Math.max(REPEATS, 5);
  figures.startUp = await startUp(repeats);
  const row = (label, variant) => {
    const { median: m, runs } = figures.startUp[variant];
    const cell = (key) => `${fixed(m[key], 0)} (${runs.map((run) => fixed(run[key], 0)).join(", ")})`;
    const rehearsals = runs.reduce((sum, run) => sum + run.rehearsals, 0);
    return [`${label}: ${rehearsals} rehearsals in ${runs.length} loads`, ...["interactiveMs", "clickMs", "editorMs", "longestTaskMs", "blockingMs"].map(cell)];
  };
  printTable(`Start-up, median of ${repeats} loads each, alternating (ms): Run enabled after navigation; the Program tab clicked then, until its part is drawn; the program editor drawn (after navigation); the page's longest task and its blocking time (each task past 50 ms) in the first 3 s`,
    ["program worker", "Run enabled", "first click drawn", "editor drawn", "longest task", "blocking time"],
    [row("rehearses (as shipped)", "withRehearsal"), row("does not rehearse", "withoutRehearsal")]);
}

async function freeThreadedSpeedUp(page, cores) {
  const rows = [];
  let oneWorkerMs;
  for (let workers = 1; workers <= 2 * cores; workers++) {
    await setUp(page, { experiment: "Monte Carlo pi", parameters: { "Samples (points in all)": PI_SAMPLES }, mode: "free-threaded", workers });
    const wallMs = (await medianRun(page, REPEATS)).wallMs;
    oneWorkerMs ??= wallMs;
    rows.push({ workers, wallMs, speedUp: oneWorkerMs / wallMs, oversubscribed: workers > cores });
  }
  figures.freeThreadedSpeedUp = { samples: PI_SAMPLES, cores, target: 0.95 * cores, rows };
  printTable(`Free-threaded speed-up, Monte Carlo pi (${PI_SAMPLES} samples), ${cores} cores; target at ${cores} workers >= ${fixed(0.95 * cores)}`,
    ["workers", "wall (ms)", "speed-up vs 1 worker", "note"],
    rows.map((row) => [row.workers, row.wallMs, fixed(row.speedUp), row.oversubscribed ? "more workers than cores" : ""]));
}

/**
 * Each kernel natively and in the browser, alternately (native, browser, native, browser) and
 * best of two each: this machine's speed drifts over seconds, so runs far apart would mislead.
 * Busy time is what the recorder measures on both sides; CPU time (the worker thread's, from
 * Linux's counters, when there) is not inflated by other programs holding the cores, so its
 * ratio is the one to trust on a loaded machine.
 */
async function kernelThroughput(page, meter) {
  const rows = [];
  for (const id of nativeExample("kernel_throughput", "--list")) {
    const name = await page.getByRole("combobox", { name: "Experiment" }).locator("option", { hasText: `${id} · ` }).textContent();
    await setUp(page, { experiment: name.split(" · ")[1], mode: "single worker", workers: 1 });
    const [native, browser] = [[], []];
    for (let round = 0; round < 2; round++) {
      const { busy_ms: busyMs, cpu_ms: cpuMs } = nativeExample("kernel_throughput", id)[id];
      native.push({ busyMs, cpuMs });
      const { value: run, cpuMs: browserCpuMs } = await measuredCpu(meter, () => measureRun(page));
      browser.push({ busyMs: run.busyMs, cpuMs: browserCpuMs });
    }
    const best = (runs, figure) => Math.min(...runs.map((run) => run[figure] ?? NaN));
    const [nativeBusyMs, browserBusyMs, nativeCpuMs, browserCpuMs] =
      [best(native, "busyMs"), best(browser, "busyMs"), best(native, "cpuMs"), best(browser, "cpuMs")];
    rows.push({
      experiment: name.trim(), nativeBusyMs, browserBusyMs, ratio: nativeBusyMs / browserBusyMs,
      nativeCpuMs, browserCpuMs, cpuRatio: nativeCpuMs / browserCpuMs,
    });
  }
  figures.kernelThroughput = { target: 0.8, rows };
  printTable("Kernel throughput, browser against native (same engine code, default size, 1 worker; native and browser alternately, best of 2 each; busy time as recorded, and the worker thread's CPU time, which other programs do not inflate); target >= 0.80",
    ["experiment", "native busy (ms)", "browser busy (ms)", "busy: browser / native throughput", "native CPU (ms)", "browser CPU (ms)", "CPU: browser / native throughput"],
    rows.map((row) => [row.experiment, fixed(row.nativeBusyMs, 0), fixed(row.browserBusyMs, 0), fixed(row.ratio),
      fixed(row.nativeCpuMs, 0), fixed(row.browserCpuMs, 0), fixed(row.cpuRatio)]));
}

/** `action`'s value and the page's workers' CPU milliseconds meanwhile (NaN without a meter). */
async function measuredCpu(meter, action) {
  return meter ? meter.during(action) : { value: await action(), cpuMs: NaN };
}

function recorderCost() {
  const cost = nativeExample("recorder_cost");
  figures.recorderCost = { target: 3, ...cost };
  printTable("Event recorder cost (native, Monte Carlo pi on 2 threads under the GIL at the shortest switch interval, best of 7 each); target < 3 %",
    ["recording on (ms)", "recording off (ms)", "events recorded", "cost"],
    [[cost.recording_on_ms, cost.recording_off_ms, cost.events_recorded, `${fixed(cost.cost_percent)} %`]]);
}

async function handOffLatency(page) {
  const probe = await setUpAndRun(page, "single worker", 1, 100_000_000);
  const samplesPerMs = 100_000_000 / probe.wallMs;
  const rows = [];
  for (const switchIntervalMs of [0.5, 1, 5, 20, 50]) {
    // Long enough for a few hundred turns, short enough for the events table (5000 rows).
    const runMs = Math.min(4000, Math.max(400, 600 * switchIntervalMs));
    const run = await setUpAndRun(page, "threads + GIL", 2, Math.round(samplesPerMs * runMs), switchIntervalMs);
    const intervals = await runningIntervals(page);
    const gaps = handOffGaps(intervals);
    const turns = intervals.map((interval) => interval.to - interval.from);
    rows.push({
      switchIntervalMs, handOffs: run.handOffs, perSecond: run.handOffs / (run.wallMs / 1000),
      gapMedianMs: median(gaps), gapP95Ms: percentile(gaps, 0.95), turnMedianMs: median(turns), turnP95Ms: percentile(turns, 0.95),
    });
  }
  figures.gilHandOff = rows;
  printTable("GIL hand-off against the switch interval (Monte Carlo pi, 2 workers): gap = one worker's turn ending to the next one's starting",
    ["switch interval (ms)", "hand-offs", "per second", "gap median (ms)", "gap p95 (ms)", "turn median (ms)", "turn p95 (ms)"],
    rows.map((row) => [row.switchIntervalMs, row.handOffs, fixed(row.perSecond, 0), fixed(row.gapMedianMs, 3), fixed(row.gapP95Ms, 3), fixed(row.turnMedianMs), fixed(row.turnP95Ms)]));
}

async function setUpAndRun(page, mode, workers, samples, switchIntervalMs) {
  await setUp(page, { experiment: "Monte Carlo pi", parameters: { "Samples (points in all)": samples }, mode, workers, switchIntervalMs });
  return measureRun(page);
}

/**
 * Long tasks and frame rate on the main thread while 16 workers run and the charts update, and,
 * from a Chrome trace of the same run, how much of each task the main thread really ran (thread
 * time): a task can be long because the OS ran workers instead. Each run is a row: how many long
 * tasks a run has depends on the OS's scheduling, which differs from run to run. The page's first
 * 16-worker run also starts the Web Workers the page lacks, so it is labelled.
 */
async function smoothness(page) {
  const rows = [];
  for (const mode of ["free-threaded", "threads + GIL"]) {
    await setUp(page, { experiment: "Monte Carlo pi", parameters: { "Samples (points in all)": PI_SAMPLES }, mode, workers: 16, switchIntervalMs: 5 });
    for (let run = 1; run <= REPEATS; run++) {
      const trace = await startMainThreadTrace(page);
      await page.evaluate(startWatchingFrames);
      await runWithoutWatching(page);
      const watched = await page.evaluate(stopWatchingFrames);
      const traced = await trace.stop();
      const { "Wall time (ms)": wallMs } = await lastResult(page);
      const label = rows.length === 0 ? `${run} (the page's first with 16 workers: also starts the workers it lacks)` : String(run);
      rows.push({ mode, run: label, wallMs: Number(wallMs), ...watched, ...traced });
    }
  }
  figures.sixteenWorkers = { targetLongTasks: 0, targetFps: 50, rows };
  printTable("Main thread during a 16-worker run (Monte Carlo pi); targets: 0 long tasks, >= 50 fps",
    ["mode", "run", "wall (ms)", "long tasks (> 50 ms)", "longest task (ms)", "its main-thread CPU (ms)", "main-thread CPU, whole run (ms)", "frames per second", "longest frame gap (ms)"],
    rows.map((row) => [row.mode, row.run, row.wallMs, row.longTasks, fixed(row.longestTaskMs, 0), fixed(row.longestTracedTaskCpuMs, 1),
      fixed(row.mainThreadCpuMs, 0), fixed(row.fps, 1), fixed(row.longestFrameGapMs, 1)]));
}

/** Starts a Chrome trace; `stop()` resolves to the main thread's CPU time in all and in its longest task. */
async function startMainThreadTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.on("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  return {
    async stop() {
      await cdp.send("Tracing.end");
      await complete;
      await cdp.detach();
      const main = events.find((event) => event.name === "thread_name" && event.args.name === "CrRendererMain");
      const tasks = events.filter((event) => event.pid === main?.pid && event.tid === main?.tid && event.name === "RunTask" && event.ph === "X");
      const longest = tasks.reduce((best, task) => (task.dur > (best?.dur ?? -1) ? task : best), undefined);
      return {
        mainThreadCpuMs: tasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000,
        longestTracedTaskCpuMs: (longest?.tdur ?? 0) / 1000,
      };
    },
  };
}

/** In the page: records long tasks and animation frames from now on. */
function startWatchingFrames() {
  const watch = { longTasks: [], frames: [], watching: true };
  watch.observer = new PerformanceObserver((list) => watch.longTasks.push(...list.getEntries().map((entry) => entry.duration)));
  watch.observer.observe({ type: "longtask" });
  const frame = (time) => {
    watch.frames.push(time);
    if (watch.watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.benchWatch = watch;
}

/** In the page: stops watching and sums up long tasks and frames. */
function stopWatchingFrames() {
  const watch = window.benchWatch;
  watch.watching = false;
  watch.observer.disconnect();
  const gaps = watch.frames.slice(1).map((time, i) => time - watch.frames[i]);
  const span = watch.frames.at(-1) - watch.frames[0];
  return {
    longTasks: watch.longTasks.length,
    longestTaskMs: Math.max(0, ...watch.longTasks),
    fps: ((watch.frames.length - 1) * 1000) / span,
    longestFrameGapMs: Math.max(0, ...gaps),
  };
}

/** Seconds the idle-pool section waits after its 100-worker run. */
const IDLE_SECONDS = 30;

/**
 * Memory after a 100-worker run and after IDLE_SECONDS idle: the pool keeps its workers for a
 * while, then ends all but the core count (each frees its stack and TLS, which the WebAssembly
 * memory keeps for reuse: it never shrinks; the browser's own memory does).
 */
async function idlePool(page) {
  const mib = (bytes) => fixed(bytes / 2 ** 20, 0);
  await setUp(page, { experiment: "Monte Carlo pi", parameters: { "Samples (points in all)": 20_000_000 }, mode: "free-threaded", workers: 100 });
  const rows = [["before the run", await memoryFigures(page)]];
  await runWithoutWatching(page);
  rows.push(["just after it", await memoryFigures(page)]);
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  rows.push([`after ${IDLE_SECONDS} s idle`, await memoryFigures(page)]);
  figures.idlePool = Object.fromEntries(rows);
  printTable("Memory after a 100-worker run, and once idle", ["when", "thread workers", "WebAssembly memory (MiB)", "browser PSS (MiB)"],
    rows.map(([when, figures]) => [when, figures.threadWorkers, mib(figures.wasmBytes), mib(figures.browserPssBytes)]));
}

/** "Compare all modes" at the catalogue defaults of A1, A2 and B1, and CPython's own A1 beside. */
async function compareAllModes(page) {
  const rows = [];
  for (const name of ["Countdown", "Monte Carlo pi", "Sleep (blocking I/O)"]) {
    await chooseExperiment(page, name);
    await page.getByRole("button", { name: "Compare all modes" }).click();
    await page.getByRole("table", { name: "Wall time by mode" }).waitFor({ timeout: 120_000 });
    await waitForRunEnd(page);
    const results = (await tableRows(page, "Results")).slice(-4).filter((row) => row[1].startsWith(name.split(" (")[0]));
    const serialMs = Number(results.find((row) => row[2] === "single worker")?.[4]);
    for (const row of results) rows.push({ experiment: name, mode: row[2], workers: Number(row[3]), wallMs: Number(row[4]), ratio: Number(row[4]) / serialMs });
  }
  const cpython = cpythonCountdown();
  figures.compareAllModes = { rows, cpython };
  const besideCpython = (row) => {
    if (!cpython || row.experiment !== "Countdown") return "";
    if (row.mode === "threads + GIL") return `${fixed(cpython.threads_to_serial)} (fastest runs ${fixed(cpython.fastest_threads_to_serial)})`;
    if (row.mode === "processes") return `${fixed(cpython.processes_to_serial)} (fastest runs ${fixed(cpython.fastest_processes_to_serial)})`;
    return "";
  };
  printTable(`Compare all modes at the catalogue defaults; beside A1, ${cpython ? `CPython ${cpython.python} on this machine (${cpython.count / 1e6}M countdown, 2 threads or processes against serial, median of ${CPYTHON_REPEATS})` : "no python3 found for CPython's figures"}`,
    ["experiment", "mode", "workers", "wall (ms)", "ratio to single worker", "CPython's ratio"],
    rows.map((row) => [row.experiment, row.mode, row.workers, row.wallMs, fixed(row.ratio), besideCpython(row)]));
}

const CPYTHON_REPEATS = 3;

/** CPython's A1 on this machine (tests/bench/cpython_countdown.py), or null without python3. */
function cpythonCountdown() {
  try {
    const script = join(import.meta.dirname, "cpython_countdown.py");
    const output = execFileSync("python3", [script, "20000000", String(CPYTHON_REPEATS)], { encoding: "utf8" });
    return JSON.parse(output.trim());
  } catch {
    return null;
  }
}

/**
 * Where A1's time under the GIL goes: a countdown on the single worker, under the GIL with one
 * worker (the per-tick check, no hand-off) and with two (hand-offs too), alternately,
 * BENCH_REPEATS each: the best wall time (the run least disturbed by other programs), and the
 * median of the workers' CPU time, which other programs do not inflate (under the GIL the
 * waiting worker sleeps, so two workers' CPU is the work plus the hand-offs).
 */
async function gilCost(page, meter) {
  const count = 200_000_000;
  const configurations = [["single worker", 1], ["threads + GIL", 1], ["threads + GIL", 2]];
  const walls = configurations.map(() => []);
  const cpus = configurations.map(() => []);
  for (let round = 0; round < REPEATS; round++) {
    for (const [index, [mode, workers]] of configurations.entries()) {
      await setUp(page, { experiment: "Countdown", parameters: { "Count (decrements in all)": count }, mode, workers });
      const { value: run, cpuMs } = await measuredCpu(meter, () => measureRun(page));
      walls[index].push(run.wallMs);
      cpus[index].push(cpuMs);
    }
  }
  const best = walls.map((times) => Math.min(...times));
  const cpu = cpus.map(median);
  const rows = configurations.map(([mode, workers], index) => ({
    mode, workers, bestWallMs: best[index], walls: walls[index], ratio: best[index] / best[0],
    medianCpuMs: cpu[index], cpus: cpus[index], cpuRatio: cpu[index] / cpu[0],
  }));
  figures.gilCost = { count, rows };
  printTable(`Where A1's time goes under the GIL (${count / 1e6}M countdown, ${REPEATS} runs each): one worker under the GIL pays the per-tick check only, two pay the hand-offs too`,
    ["mode", "workers", "best wall (ms)", "wall ratio to single worker", "median workers' CPU (ms)", "CPU ratio to single worker", "all walls (ms)", "all CPU (ms)"],
    rows.map((row) => [row.mode, row.workers, row.bestWallMs, fixed(row.ratio), fixed(row.medianCpuMs, 0), fixed(row.cpuRatio),
      row.walls.join(", "), row.cpus.map((ms) => fixed(ms, 0)).join(", ")]));
}

const { page, close } = await openPlayground({ args: PRECISE_MEMORY_ARGS });
const meter = workerCpuMeter(process.env.XDG_CONFIG_HOME);
try {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const browser = page.context().browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/[\d.]+/)?.[0];
  figures.machine = { cores, browser, date: new Date().toISOString(), repeats: REPEATS };
  console.log(`## Benchmark on ${cores} cores, ${browser} (${figures.machine.date}), median of ${REPEATS} runs where repeated`);
  const sections = {
    page: async () => { await pageSize(); await timeToInteractive(page); await startUpWithAndWithoutRehearsal(); },
    speedup: () => freeThreadedSpeedUp(page, cores),
    kernels: () => kernelThroughput(page, meter),
    recorder: async () => recorderCost(),
    handoff: () => handOffLatency(page),
    smoothness: () => smoothness(page),
    compare: () => compareAllModes(page),
    gilcost: () => gilCost(page, meter),
    idlepool: () => idlePool(page),
    "long-run": async () => { figures.longRun = await longRun(page); },
    python: async () => { figures.python = await pythonBench(page, REPEATS); },
    "python-threads": async () => { figures.pythonThreads = await pythonThreads(page); },
  };
  for (const [name, measure] of Object.entries(sections)) {
    if (!ONLY || ONLY.includes(name)) await measure();
  }
} finally {
  await close();
}
await writeJson("bench", figures);
