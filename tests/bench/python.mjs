// Section `python` of the benchmark: the playground's Python interpreter against CPython on this
// machine, on the programs of tests/bench/python/ (each times its own work). Native figures come
// from `cargo run --release -p python --example bench`, which runs CPython and the interpreter
// one after the other in this one bench run; the browser's column waits for the page to run
// Python programs and says so. Printed, never asserted.
import { execFileSync } from "node:child_process";
import { median } from "./measure.mjs";
import { fixed, printTable } from "./report.mjs";

/** The single-thread programs and what the table calls them. */
const WORKLOADS = [
  ["countdown.py", "countdown of 10M"],
  ["monte_carlo_pi.py", "Monte Carlo pi, 1M samples"],
  ["sum_of_primes.py", "sum of primes below 200,000"],
];

const NOT_YET = "browser: not yet measured";

/** Every program's runs, by runner (`cpython`, `gil312`, `free`), as the bench example prints them. */
function nativeRuns(repeats) {
  const command = ["+stable", "run", "--quiet", "--release", "-p", "python", "--example", "bench", "--", String(repeats)];
  const output = execFileSync("cargo", command, { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split("\n").at(-1));
}

/**
 * The same figures in the page, once it runs Python programs (issue 13: the Program panel);
 * until then none: this bench prints no number it did not measure.
 */
async function browserRuns(_page) {
  return null;
}

/** The numbers a runner's runs printed under `name`. */
const values = (runs, name) => (runs ?? []).map((printed) => Number(printed[name]));
/** The fastest of a runner's runs: on a loaded machine, the run least slowed by other programs. */
const fastest = (runs, name) => (runs?.length ? Math.min(...values(runs, name)) : NaN);
/** The median over runs of a figure computed within each run (a ratio of two timings of one run). */
const medianOf = (runs, figure) => (runs?.length ? median(runs.map(figure)) : NaN);
const twoAgainstOne = (printed) => Number(printed["two threads seconds"]) / Number(printed["one thread seconds"]);

export async function pythonBench(page, repeats) {
  const native = nativeRuns(repeats);
  const browser = await browserRuns(page);
  const workloads = WORKLOADS.map(([file, name]) => {
    const runs = native.programs[file];
    const cpythonS = fastest(runs.cpython, "seconds");
    const nativeS = fastest(runs.gil312, "seconds");
    const sameAnswer = runs.cpython?.every((printed) => runs.gil312.every((ours) => ours.answer === printed.answer));
    return { program: file, name, cpythonS, nativeS, nativeSpeed: cpythonS / nativeS, sameAnswer, browserS: null };
  });
  const threads = native.programs["threads_countdown.py"];
  const starts = native.programs["thread_start.py"];
  const figures = {
    cpython: native.cpython,
    repeats,
    workloads,
    gilTwoAgainstOne: { target: [0.95, 1.3], native: medianOf(threads.gil312, twoAgainstOne), cpython: medianOf(threads.cpython, twoAgainstOne), browser: null },
    freeThreadedSpeedUp: { target: 1.8, native: 1 / medianOf(threads.free, twoAgainstOne), browser: null },
    threadStartMs: { target: 1, native: median(values(starts.gil312, "median milliseconds")), cpython: median(values(starts.cpython, "median milliseconds")), browser: null },
    browser: browser ?? "not yet measured",
    runs: native.programs,
  };
  printTable(`Python programs (tests/bench/python): the playground's interpreter against ${native.cpython || "CPython (no python3 found)"} on this machine, fastest of ${repeats} each, run alternately; speed = CPython's time / the interpreter's; goal >= 0.5 in the browser, CPython's speed ideally`,
    ["program", "CPython (s)", "interpreter, native (s)", "native speed against CPython", "interpreter, browser (s)", "browser speed against CPython"],
    workloads.map((row) => [row.name, fixed(row.cpythonS, 3), fixed(row.nativeS, 3), `${fixed(row.nativeSpeed)}${row.sameAnswer === false ? " (answers differ!)" : ""}`, NOT_YET, NOT_YET]));
  const { gilTwoAgainstOne: gil, freeThreadedSpeedUp: free, threadStartMs: start } = figures;
  printTable(`Python threads (median of ${repeats} runs, each timing one thread and two in the same run)`,
    ["figure", "target", "interpreter, native", "interpreter, browser", "CPython"],
    [
      ["two threads under the 3.12 GIL against one thread, same total countdown (time ratio)", "0.95–1.30", fixed(gil.native), NOT_YET, fixed(gil.cpython)],
      ["free-threaded, two threads against one (speed-up)", ">= 1.80", fixed(free.native), NOT_YET, "– (3.11 has no free threading)"],
      ["starting a thread: start() + join(), median of 100 (ms)", "< 1", fixed(start.native, 3), NOT_YET, fixed(start.cpython, 3)],
    ]);
  console.log(`\n${NOT_YET}: the page does not run Python programs yet (issue 13); the browser columns are filled once it does.`);
  return figures;
}
