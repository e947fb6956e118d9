// CPU time of the page's Web Workers, read from Linux's per-thread counters
// (/proc/<pid>/task/<tid>/schedstat, nanoseconds on a CPU) of the Chromium this bench started.
// Unlike wall time it does not grow while other programs hold the cores, so ratios of it hold on
// a loaded machine; wall time is still what a learner sees, and is printed beside it.
import { readdirSync, readFileSync } from "node:fs";

/** Chromium names its Web Worker threads so (15 characters: Linux cuts thread names there). */
export const WORKER_THREAD = "DedicatedWorker";

/** Every process of the Chromium whose profile is `profile` (its browser process and children):
 * its pid and command line. */
export function chromiumProcesses(profile) {
  const processes = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
      return [{ pid, parent, command: readFileSync(`/proc/${pid}/cmdline`, "utf8") }];
    } catch {
      return []; // ended meanwhile
    }
  });
  const ours = new Set(processes.filter((p) => p.command.includes(`--user-data-dir=${profile}`)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (ours.has(p.parent) && !ours.has(p.pid)) {
        ours.add(p.pid);
        grew = true;
      }
    }
  }
  return processes.filter((p) => ours.has(p.pid)).map(({ pid, command }) => ({ pid, command }));
}

/** Nanoseconds on a CPU of every Web Worker thread of those processes now. */
function workerNanoseconds(pids) {
  let total = 0;
  for (const pid of pids) {
    let threads = [];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of threads) {
      try {
        if (readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim() !== WORKER_THREAD) continue;
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return total;
}

/**
 * A meter of the Web Workers' CPU time in the Chromium with profile `profile` (openPlayground's),
 * or null where Linux's counters are not there. `during(action)` resolves to the action's value
 * and the workers' CPU milliseconds meanwhile: `{ value, cpuMs }`. A worker that ends during the
 * action takes its time with it, so measure runs whose workers are kept (thread workers are).
 */
export function workerCpuMeter(profile) {
  const pids = profile ? chromiumProcesses(profile).map((p) => p.pid) : [];
  if (pids.length === 0) return null;
  return {
    async during(action) {
      const before = workerNanoseconds(pids);
      const value = await action();
      return { value, cpuMs: (workerNanoseconds(pids) - before) / 1e6 };
    },
  };
}
