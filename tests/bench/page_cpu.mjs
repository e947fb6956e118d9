// Where a program's CPU time went in the page: the renderer's main thread, its Web Workers, its
// other threads (compositor, V8's background compilers and collector), and Chromium's other
// processes (browser, GPU), sampled from Linux's counters (/proc/<pid>/task/<tid>/schedstat:
// nanoseconds on a CPU; /proc/<pid>/stat: clock ticks) of the Chromium `openPlayground` started.
// CPU time, unlike wall time, is not inflated while other programs hold the cores, so the shares
// hold on a loaded machine. Used by the `python` section for the heavy loop's processes.
import { readdirSync, readFileSync } from "node:fs";
import { chromiumProcesses, WORKER_THREAD } from "./worker_cpu.mjs";

/** How often the counters are read (ms): often enough to see the phases of a 1 s run, rarely
 * enough that reading them costs little (about twenty small files a time). */
const SAMPLE_EVERY_MS = 50;
/** A worker is busy in a sample when it ran at least this share of it. */
const BUSY_SHARE = 0.1;
/** Linux's clock ticks per second, the unit of /proc/<pid>/stat's times. */
const TICKS_PER_SECOND = 100;

const read = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // ended meanwhile
  }
};

/** Every process of the Chromium whose profile is `profile`: its pid and whether it is a renderer. */
function chromiumProcessKinds(profile) {
  return chromiumProcesses(profile).map((p) => ({ pid: p.pid, renderer: p.command.includes("--type=renderer") }));
}

/** A process's CPU time in ms (all its threads), from /proc/<pid>/stat. */
function processMs(pid) {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const [utime, stime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 13).map(Number);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** The renderer that runs the Web Workers (the page's), among `processes`. */
function pageRenderer(processes) {
  return processes.filter((p) => p.renderer).find((p) => readdirSync(`/proc/${p.pid}/task`).some((tid) => read(`/proc/${p.pid}/task/${tid}/comm`)?.trim() === WORKER_THREAD));
}

/** One reading: each thread of the page's renderer (ms on a CPU, and whether it is a worker), and
 * the other processes' CPU (ms). */
function reading(renderer, others, names) {
  const threads = {};
  for (const tid of readdirSync(`/proc/${renderer}/task`)) {
    const schedstat = read(`/proc/${renderer}/task/${tid}/schedstat`);
    if (!schedstat) continue;
    names[tid] ??= read(`/proc/${renderer}/task/${tid}/comm`)?.trim();
    threads[tid] = Number(schedstat.split(" ")[0]) / 1e6;
  }
  return { atMs: performance.now(), threads, othersMs: others.reduce((total, pid) => total + processMs(pid), 0) };
}

/**
 * Samples the page's CPU while `action` runs (the Chromium of `profile`); resolves to the
 * action's value and the breakdown (`breakdown` below), or a null breakdown where Linux's
 * counters are not there.
 */
export async function pageCpuDuring(profile, action) {
  const processes = profile ? chromiumProcessKinds(profile) : [];
  const renderer = pageRenderer(processes);
  if (!renderer) return { value: await action(), breakdown: null };
  const others = processes.filter((p) => p.pid !== renderer.pid).map((p) => p.pid);
  const names = {};
  const samples = [reading(renderer.pid, others, names)];
  let running = true;
  const sampling = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      samples.push(reading(renderer.pid, others, names));
    }
  })();
  const value = await action();
  running = false;
  await sampling;
  return { value, breakdown: breakdown(samples, renderer.pid, names) };
}

/**
 * From the samples: over the whole run and over the samples in which at least two workers were
 * busy (the processes' parallel stretches), the share of one core each part took: the page's
 * main thread, its other threads, Chromium's other processes, the waiting parent (the worker
 * busiest before the first parallel stretch: the serial part) and the busy workers.
 */
function breakdown(samples, mainTid, names) {
  const isWorker = (tid) => names[tid] === WORKER_THREAD;
  const totals = { wallMs: 0, mainMs: 0, otherThreadsMs: 0, othersMs: 0 };
  const parallel = { wallMs: 0, mainMs: 0, otherThreadsMs: 0, othersMs: 0, parentMs: 0, busyWorkersMs: 0 };
  const beforeParallel = {};
  let parent = null;
  for (let at = 1; at < samples.length; at++) {
    const [before, after] = [samples[at - 1], samples[at]];
    const wallMs = after.atMs - before.atMs;
    const spent = Object.fromEntries(Object.entries(after.threads).map(([tid, ms]) => [tid, ms - (before.threads[tid] ?? ms)]));
    const busy = Object.entries(spent).filter(([tid, ms]) => isWorker(tid) && ms >= BUSY_SHARE * wallMs);
    const mainMs = spent[mainTid] ?? 0;
    const otherThreadsMs = Object.entries(spent).filter(([tid]) => tid !== mainTid && !isWorker(tid)).reduce((total, [, ms]) => total + ms, 0);
    const othersMs = after.othersMs - before.othersMs;
    Object.assign(totals, { wallMs: totals.wallMs + wallMs, mainMs: totals.mainMs + mainMs, otherThreadsMs: totals.otherThreadsMs + otherThreadsMs, othersMs: totals.othersMs + othersMs });
    if (busy.length < 2) {
      if (parent === null) for (const [tid, ms] of Object.entries(spent)) if (isWorker(tid)) beforeParallel[tid] = (beforeParallel[tid] ?? 0) + ms;
      continue;
    }
    parent ??= Object.entries(beforeParallel).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    parallel.wallMs += wallMs;
    parallel.mainMs += mainMs;
    parallel.otherThreadsMs += otherThreadsMs;
    parallel.othersMs += othersMs;
    parallel.parentMs += spent[parent] ?? 0;
    parallel.busyWorkersMs += busy.filter(([tid]) => tid !== parent).reduce((total, [, ms]) => total + ms, 0);
  }
  const share = (part, whole) => (whole > 0 ? (100 * part) / whole : NaN);
  return {
    wallMs: totals.wallMs,
    mainPercent: share(totals.mainMs, totals.wallMs),
    otherThreadsPercent: share(totals.otherThreadsMs, totals.wallMs),
    otherProcessesPercent: share(totals.othersMs, totals.wallMs),
    parallelWallMs: parallel.wallMs,
    parallel: {
      mainPercent: share(parallel.mainMs, parallel.wallMs),
      otherThreadsPercent: share(parallel.otherThreadsMs, parallel.wallMs),
      otherProcessesPercent: share(parallel.othersMs, parallel.wallMs),
      parentPercent: share(parallel.parentMs, parallel.wallMs),
      busyWorkersPercent: share(parallel.busyWorkersMs, parallel.wallMs),
    },
  };
}
