import { openPlayground } from "./support/browser.mjs";
import { setUp, runWithoutWatching } from "./bench/measure.mjs";
const p = await openPlayground();
const { page } = p;
await setUp(page, { experiment: "Monte Carlo pi", parameters: { "Samples (points in all)": 300_000_000 }, mode: "free-threaded", workers: 16 });
await runWithoutWatching(page);
const cdp = await p.context.newCDPSession(page);
const events = [];
cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
const done = new Promise((resolve) => cdp.on("Tracing.tracingComplete", resolve));
await cdp.send("Tracing.start", { categories: "devtools.timeline,v8.execute,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
await runWithoutWatching(page);
await cdp.send("Tracing.end");
await done;
// main thread of the renderer: the thread with RunTask events of CrRendererMain
const names = events.filter((e) => e.name === "thread_name");
const main = names.find((e) => e.args.name === "CrRendererMain");
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
const tasks = onMain.filter((e) => e.name === "RunTask" && e.dur > 40000);
for (const task of tasks) {
  const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
  const byName = new Map();
  for (const e of inside) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
  const cpu = task.tdur ? `cpu ${Math.round(task.tdur / 1000)} ms` : "";
  console.log(`task ${Math.round(task.dur / 1000)} ms ${cpu}:`, [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${Math.round(d / 1000)}`).join(", "));
}
const all = onMain.filter((e) => e.name === "RunTask");
console.log("tasks", all.length, "total ms", Math.round(all.reduce((s, e) => s + e.dur, 0) / 1000), "cpu ms", Math.round(all.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000));
await p.close();
