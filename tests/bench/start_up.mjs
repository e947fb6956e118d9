// The page's start-up, as a learner meets it: from navigation until Run can be pressed, how long
// the first click (on the Program tab, the moment Run is enabled) takes to show its part, when
// the program editor (imported once its part is drawn) is there, and the longest task of the page's main thread in its first seconds. Measured with the page's program
// worker rehearsing (as shipped) and without (its start message altered by the probe), loads
// alternating between the two. Nothing here is asserted.
import { openPlayground } from "../support/browser.mjs";
import { median } from "./measure.mjs";

/** How long after navigation the page's long tasks are counted (ms). */
const SETTLE_MS = 3_000;

/** Key of the session flag that makes the probe turn the rehearsal off (written out in the probe too). */
const NO_REHEARSAL = "bench-no-rehearsal";

/**
 * Runs in the page before its own scripts: records long tasks and the first click on a tab
 * until its part is drawn, and, when the session flag is set, posts the program worker's start
 * message with `rehearse: false`.
 */
function startUpProbe() {
  const probe = (window.startUpProbe = { longTasks: [], click: null, rehearsals: 0 });
  new PerformanceObserver((list) => probe.longTasks.push(...list.getEntries().map((entry) => ({ at: entry.startTime, ms: entry.duration }))))
    .observe({ type: "longtask", buffered: true });
  document.addEventListener("click", (event) => {
    const tab = event.target.closest?.("[role=tab]");
    if (!tab || probe.click) return;
    const panel = tab.getAttribute("aria-controls") ?? tab.id.replace("tab-", "part-");
    const clickedAt = event.timeStamp;
    probe.click = { pending: true };
    const drawn = () => (document.getElementById(panel) ? (probe.click = { ms: performance.now() - clickedAt }) : requestAnimationFrame(drawn));
    requestAnimationFrame(drawn);
  }, true);
  const rehearse = sessionStorage.getItem("bench-no-rehearsal") !== "1";
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.kind !== "start-program") return post.call(this, message, ...rest);
    probe.rehearsals += message.rehearse && rehearse ? 1 : 0;
    return post.call(this, { ...message, rehearse: message.rehearse && rehearse }, ...rest);
  };
}

/** One load: navigation to Run enabled, the first click's response, the longest task (ms). */
async function oneLoad(page) {
  await page.reload();
  const interactive = await page.waitForFunction(() => {
    const run = [...document.querySelectorAll("button")].find((button) => button.textContent.trim() === "Run");
    return run && !run.disabled && performance.now();
  }, null, { polling: 10, timeout: 30_000 });
  const interactiveMs = await interactive.jsonValue();
  await page.getByRole("tab", { name: "Program", exact: true }).click();
  const clickMs = await (await page.waitForFunction(() => window.startUpProbe.click?.ms, null, { polling: 10, timeout: 30_000 })).jsonValue();
  const editorMs = await (await page.waitForFunction(() => document.querySelector(".cm-content") && performance.now(), null, { polling: 10, timeout: 30_000 })).jsonValue();
  await page.waitForFunction((until) => performance.now() > until, SETTLE_MS, { polling: 100, timeout: 30_000 });
  const { tasks, rehearsals } = await page.evaluate((until) => ({ tasks: window.startUpProbe.longTasks.filter((task) => task.at < until), rehearsals: window.startUpProbe.rehearsals }), SETTLE_MS);
  await page.getByRole("tab", { name: "Experiment", exact: true }).click();
  return { rehearsals, interactiveMs, clickMs, editorMs, longestTaskMs: Math.max(0, ...tasks.map((task) => task.ms)), blockingMs: tasks.reduce((sum, task) => sum + task.ms - 50, 0) };
}

/**
 * `repeats` loads with the rehearsal and as many without, alternating; resolves to each
 * variant's loads and medians.
 */
export async function startUp(repeats) {
  const { page, close } = await openPlayground({ initScript: startUpProbe });
  try {
    const loads = { withRehearsal: [], withoutRehearsal: [] };
    for (let i = 0; i < repeats; i++) {
      for (const [variant, flag] of [["withRehearsal", "0"], ["withoutRehearsal", "1"]]) {
        await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [NO_REHEARSAL, flag]);
        loads[variant].push(await oneLoad(page));
      }
    }
    const medians = (runs) => Object.fromEntries(["interactiveMs", "clickMs", "editorMs", "longestTaskMs", "blockingMs"].map((key) => [key, median(runs.map((run) => run[key]))]));
    return Object.fromEntries(Object.entries(loads).map(([variant, runs]) => [variant, { runs, median: medians(runs) }]));
  } finally {
    await close();
  }
}
