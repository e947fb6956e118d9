// Section `python` of the benchmark: the playground's Python interpreter against CPython on this
// machine, on the programs of tests/bench/python/ (each times its own work). Native figures come
// from `cargo run --release -p python --example bench`, which runs CPython and the interpreter
// one after the other in this one bench run; the browser's from the page's Program panel, which
// runs the same files (threads on Web Workers; each process on a program worker of its own, on
// the isolated page and once on a page without isolation). Printed, never asserted.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { openPlayground } from "../support/browser.mjs";
import { outputTexts, runProgramUnwatched } from "../support/program.mjs";
import { median } from "./measure.mjs";
import { pageCpuDuring } from "./page_cpu.mjs";
import { fixed, printTable } from "./report.mjs";

/** The single-thread programs and what the table calls them. */
const WORKLOADS = [
  ["countdown.py", "countdown of 10M"],
  ["monte_carlo_pi.py", "Monte Carlo pi, 1M samples"],
  ["sum_of_primes.py", "sum of primes below 200,000"],
];

/** What a native bench example printed last: one JSON object. */
function exampleRuns(example, repeats) {
  const command = ["+stable", "run", "--quiet", "--release", "-p", "python", "--example", example, "--", String(repeats)];
  const output = execFileSync("cargo", command, { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split("\n").at(-1));
}

/**
 * Every program's runs, by runner (`cpython`, `gil312`, `free`), as the bench example prints
 * them; the process programs also `over messages` (every process on one thread asking the
 * tree's keeper by message), from an example of their own.
 */
function nativeRuns(repeats) {
  const native = exampleRuns("bench", repeats);
  for (const [file, runs] of Object.entries(exampleRuns("bench_over_messages", repeats).programs)) Object.assign(native.programs[file], runs);
  return native;
}

const PROGRAMS = resolve(import.meta.dirname, "python");
const BROWSER_MODES = { gil312: "CPython 3.12, with the GIL", free: "free-threaded (3.13t / 3.14t)" };

/** What a program printed as `name: value` lines, as the native bench example reads them. */
function printedFigures(lines) {
  return Object.fromEntries(lines.filter((line) => line.includes(": ")).map((line) => {
    const at = line.indexOf(": ");
    return [line.slice(0, at), line.slice(at + 2)];
  }));
}

/**
 * Runs `file` in the page's Program panel in `mode` (`gil312`, `free`); the figures it printed,
 * or null when it printed none. A program that failed after some figures keeps those: in the
 * page, `process_round_trips.py` prints its Queue and Pipe figures, then its `with Manager()`
 * ends in a join inside `__exit__`, a wait inside a built-in the page cannot make yet.
 */
async function runInPage(page, file, mode) {
  await runProgramUnwatched(page, readFileSync(resolve(PROGRAMS, file), "utf8"), BROWSER_MODES[mode]);
  const printed = printedFigures(await outputTexts(page));
  return Object.keys(printed).length ? printed : null;
}

/** The process programs, run in the page under the 3.12 GIL. */
const PROCESS_PROGRAMS = ["processes_countdown.py", "process_start.py", "process_round_trips.py"].map((file) => [file, ["gil312"]]);

/** The same programs in the page, `repeats` times each, by program and runner as `nativeRuns` gives them. */
async function browserRuns(page, repeats, plan) {
  const runs = {};
  for (const [file, modes] of plan) {
    runs[file] = {};
    for (const mode of modes) {
      runs[file][mode] = [];
      for (let run = 0; run < repeats; run++) {
        const printed = await runInPage(page, file, mode);
        if (printed) runs[file][mode].push(printed);
      }
    }
  }
  return runs;
}

/** The numbers a runner's runs printed under `name` (runs that did not print it left out). */
const values = (runs, name) => (runs ?? []).filter((printed) => name in printed).map((printed) => Number(printed[name]));
/** The fastest of a runner's runs: on a loaded machine, the run least slowed by other programs. */
const fastest = (runs, name) => (runs?.length ? Math.min(...values(runs, name)) : NaN);
/** The median over runs of a figure computed within each run (a ratio of two timings of one run). */
const medianOf = (runs, figure) => (runs?.length ? median(runs.map(figure)) : NaN);
const twoAgainstOne = (printed) => Number(printed["two threads seconds"]) / Number(printed["one thread seconds"]);

export async function pythonBench(page, repeats) {
  // The bench's browser's profile, before `runsWithoutIsolation` opens another.
  const profile = process.env.XDG_CONFIG_HOME;
  const native = nativeRuns(repeats);
  const plan = [...WORKLOADS.map(([file]) => [file, ["gil312"]]), ["threads_countdown.py", ["gil312", "free"]], ["thread_start.py", ["gil312"]], ...PROCESS_PROGRAMS];
  const browser = await browserRuns(page, repeats, plan);
  const heavyLoopCpu = await heavyLoopCpuBreakdown(page, profile);
  const withoutIsolation = await runsWithoutIsolation();
  const workloads = WORKLOADS.map(([file, name]) => {
    const runs = native.programs[file];
    const cpythonS = fastest(runs.cpython, "seconds");
    const nativeS = fastest(runs.gil312, "seconds");
    const inPage = browser[file].gil312;
    const browserS = fastest(inPage, "seconds");
    const sameAnswer = runs.cpython?.every((printed) => [...runs.gil312, ...inPage].every((ours) => ours.answer === printed.answer));
    return { program: file, name, cpythonS, nativeS, nativeSpeed: cpythonS / nativeS, sameAnswer, browserS, browserSpeed: cpythonS / browserS };
  });
  const threads = native.programs["threads_countdown.py"];
  const starts = native.programs["thread_start.py"];
  const figures = {
    cpython: native.cpython,
    repeats,
    workloads,
    gilTwoAgainstOne: { target: [0.95, 1.3], native: medianOf(threads.gil312, twoAgainstOne), cpython: medianOf(threads.cpython, twoAgainstOne), browser: medianOf(browser["threads_countdown.py"].gil312, twoAgainstOne) },
    freeThreadedSpeedUp: { target: 1.8, native: 1 / medianOf(threads.free, twoAgainstOne), browser: 1 / medianOf(browser["threads_countdown.py"].free, twoAgainstOne) },
    threadStartMs: { target: 1, native: median(values(starts.gil312, "median milliseconds")), cpython: median(values(starts.cpython, "median milliseconds")), browser: median(values(browser["thread_start.py"].gil312, "median milliseconds")) },
    runs: native.programs,
    browserRuns: browser,
  };
  printTable(`Python programs (tests/bench/python): the playground's interpreter against ${native.cpython || "CPython (no python3 found)"} on this machine, fastest of ${repeats} each, run alternately; speed = CPython's time / the interpreter's; goal >= 0.5 in the browser, CPython's speed ideally`,
    ["program", "CPython (s)", "interpreter, native (s)", "native speed against CPython", "interpreter, browser (s)", "browser speed against CPython"],
    workloads.map((row) => [row.name, fixed(row.cpythonS, 3), fixed(row.nativeS, 3), `${fixed(row.nativeSpeed)}${row.sameAnswer === false ? " (answers differ!)" : ""}`, fixed(row.browserS, 3), fixed(row.browserSpeed)]));
  const { gilTwoAgainstOne: gil, freeThreadedSpeedUp: free, threadStartMs: start } = figures;
  printTable(`Python threads (median of ${repeats} runs, each timing one thread and two in the same run)`,
    ["figure", "target", "interpreter, native", "interpreter, browser", "CPython"],
    [
      ["two threads under the 3.12 GIL against one thread, same total countdown (time ratio)", "0.95–1.30", fixed(gil.native), fixed(gil.browser), fixed(gil.cpython)],
      ["free-threaded, two threads against one (speed-up)", ">= 1.80", fixed(free.native), fixed(free.browser), "– (3.11 has no free threading)"],
      ["starting a thread: start() + join(), median of 100 (ms)", "< 1", fixed(start.native, 3), fixed(start.browser, 3), fixed(start.cpython, 3)],
    ]);
  figures.processes = processFigures(native.programs, browser, withoutIsolation);
  figures.heavyLoopCpu = heavyLoopCpu;
  figures.browserRunsWithoutIsolation = withoutIsolation;
  return figures;
}

/**
 * One more run of the heavy loop's processes in the page, its CPU sampled (`page_cpu.mjs`):
 * what took a share of the cores from the two processes while they ran. Printed; the breakdown,
 * or null where Linux's counters are not there.
 */
async function heavyLoopCpuBreakdown(page, profile) {
  const file = "processes_countdown.py";
  const { value: printed, breakdown } = await pageCpuDuring(profile, () => runInPage(page, file, "gil312"));
  if (!breakdown) return null;
  const percent = (value) => `${fixed(value, 1)} %`;
  const { parallel } = breakdown;
  printTable(`Where the page's CPU went while the heavy loop's processes ran (${file}, one more run, its threads' CPU time sampled every 50 ms from Linux's counters; % of one core; "while two ran": the ${fixed(breakdown.parallelWallMs / 1000, 2)} s in which two workers or more were busy)`,
    ["figure", "whole run", "while two ran"],
    [
      ["the page's main thread (drawing, polling, relaying letters)", percent(breakdown.mainPercent), percent(parallel.mainPercent)],
      ["the page's other threads (compositor, V8's compilers and collector)", percent(breakdown.otherThreadsPercent), percent(parallel.otherThreadsPercent)],
      ["Chromium's other processes (browser, GPU)", percent(breakdown.otherProcessesPercent), percent(parallel.otherProcessesPercent)],
      ["the parent's worker, waiting in join() and map()", "", percent(parallel.parentPercent)],
      ["the busy workers together (200 % is two cores)", "", percent(parallel.busyWorkersPercent)],
      ["that run's speed-ups: two processes, a Pool of two", [printed?.["two processes speed-up"], printed?.["pool of two speed-up"]].map((value) => fixed(value, 2)).join(", "), ""],
    ]);
  return { ...breakdown, printed };
}

/**
 * The process programs once each on a page served without the isolation headers (its service
 * worker blocked), in a browser of its own; the environment `openPlayground` sets for the
 * bench's own browser (its profile, read by the memory figures) is put back.
 */
async function runsWithoutIsolation() {
  const kept = { config: process.env.XDG_CONFIG_HOME, cache: process.env.XDG_CACHE_HOME };
  const playground = await openPlayground({ isolated: false, serviceWorkers: "block" });
  try {
    return await browserRuns(playground.page, 1, PROCESS_PROGRAMS);
  } finally {
    await playground.close();
    process.env.XDG_CONFIG_HOME = kept.config;
    process.env.XDG_CACHE_HOME = kept.cache;
  }
}

/** The processes' figures (issue 14): natively, over messages, in the page (isolated, and not), beside CPython's (spawn). */
function processFigures(programs, browser, withoutIsolation) {
  const figure = (runs, name) => (values(runs, name).length ? median(values(runs, name)) : NaN);
  const both = (file, name) => ({
    native: figure(programs[file].gil312, name),
    messages: figure(programs[file]["over messages"], name),
    page: figure(browser[file]?.gil312, name),
    pageWithoutIsolation: figure(withoutIsolation[file]?.gil312, name),
    cpython: figure(programs[file].cpython, name),
  });
  const rows = [
    ["heavy loop, 60M: two processes against serial (speed-up, start-up included)", ">= 1.7 on 2 cores", both("processes_countdown.py", "two processes speed-up")],
    ["heavy loop, 60M: a Pool of two against serial (speed-up)", ">= 1.7 on 2 cores", both("processes_countdown.py", "pool of two speed-up")],
    ["starting a process: start() + join(), median of 20 (ms)", "", both("process_start.py", "median milliseconds")],
    ...["queue", "pipe", "manager dict"].flatMap((way) => [
      [`round trip through a ${way}, median of 200 (ms)`, "", both("process_round_trips.py", `${way} median milliseconds`)],
      [`round trip through a ${way}, p95 of 200 (ms)`, "", both("process_round_trips.py", `${way} p95 milliseconds`)],
    ]),
  ];
  printTable("Python processes (multiprocessing, spawn), natively: an interpreter per OS thread sharing tables, and over messages (each process on one thread asking the tree's keeper only by encoded messages); in the page, each process on a program worker of its own, the page keeping the tree (isolated: median of the runs; without isolation: one run); beside CPython's processes; median of the runs",
    ["figure", "target", "interpreter, native", "interpreter, over messages", "page (isolated)", "page without isolation", "CPython"],
    rows.map(([figure, target, { native, messages, page, pageWithoutIsolation, cpython }]) =>
      [figure, target, fixed(native, 3), fixed(messages, 3), fixed(page, 3), fixed(pageWithoutIsolation, 3), fixed(cpython, 3)]));
  return Object.fromEntries(rows.map(([figure, , pair]) => [figure, pair]));
}
