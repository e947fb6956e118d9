// Steps the benchmark and fidelity commands take on the playground page, and the statistics they
// print. Figures come from the page's own tables (results, time per state, events), found by role
// and name as a learner's screen reader would find them.
import { chooseExperiment, chooseMode, fill, lastResult, notice, tableRows } from "../support/playground.mjs";

/** The GIL policies as the form's "GIL policy" select names them. */
export const PYTHON_3_2 = "3.2";
export const PYTHON_3_1 = "3.1";

/**
 * Sets the form up for one run: `experiment` by its catalogue name, `parameters` by field label,
 * then workers, mode, switch interval and GIL policy when given.
 */
export async function setUp(page, { experiment, parameters = {}, workers, mode, switchIntervalMs, policy = PYTHON_3_2, serialPercent }) {
  await chooseExperiment(page, experiment);
  for (const [label, value] of Object.entries(parameters)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === "SELECT") await field.selectOption(String(value));
    else await field.fill(String(value));
  }
  if (workers !== undefined) await fill(page, "Workers (1–100)", workers);
  if (mode !== undefined) await chooseMode(page, mode);
  if (switchIntervalMs !== undefined) await fill(page, "GIL switch interval (ms, threads + GIL only)", switchIntervalMs);
  await page.getByLabel("GIL policy (threads + GIL only)", { exact: true }).selectOption(policy);
  if (serialPercent !== undefined) await fill(page, "Serial share of the work (%, 0–90, runs alone first)", serialPercent);
}

/**
 * Runs what the form holds to the end and returns its figures: wall and busy time, GIL counters,
 * the result text, the notice, and each worker's milliseconds per state.
 */
export async function measureRun(page) {
  const ended = await runWithoutWatching(page);
  if (!ended.startsWith("Finished")) throw new Error(`the run did not finish: ${ended}`);
  const row = await lastResult(page);
  return {
    wallMs: Number(row["Wall time (ms)"]),
    busyMs: Number(row["Busy time, summed (ms)"]),
    handOffs: Number(row["GIL hand-offs"]) || 0,
    failedAcquisitions: Number(row["Failed GIL acquisitions"]) || 0,
    result: row["Result"],
    notice: await notice(page),
    stateTimes: await stateTimes(page),
  };
}

/**
 * Presses Run and waits for the run's row in the results table, with a plain selector polled
 * every 250 ms: Playwright's role queries walk the accessibility tree on the page's main thread,
 * which would add to what is measured (a 16-worker run on 2 cores stretched them past 50 ms).
 * Resolves to the run's notice.
 */
export async function runWithoutWatching(page) {
  const countRows = () => document.querySelectorAll("table[aria-label='Results'] tbody tr").length;
  const before = await page.evaluate(countRows);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(
    ([rows, before]) => document.querySelectorAll(rows).length > before,
    ["table[aria-label='Results'] tbody tr", before],
    { polling: 250, timeout: 300_000 },
  );
  return notice(page);
}

/** Runs `repeats` times and returns the run with the median wall time. */
export async function medianRun(page, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await measureRun(page));
  return runs.sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1];
}

/** Each worker's milliseconds per state, from "Time per worker and state": [{ running: …, idle: … }]. */
async function stateTimes(page) {
  const table = page.getByRole("table", { name: "Time per worker and state", exact: true });
  const headers = await table.evaluate((t) => [...t.tHead.rows[0].cells].map((cell) => cell.textContent.trim()));
  const rows = await tableRows(page, "Time per worker and state");
  return rows.map((row) => Object.fromEntries(headers.slice(1).map((state, i) => [state, Number(row[i + 1])])));
}

/** Every "running" interval of the last run, from the "Timeline events" table: [{ worker, from, to }]. */
export async function runningIntervals(page) {
  const details = page.locator("details", { has: page.getByText("Every state change, as a table") });
  if (!(await details.evaluate((element) => element.open))) await details.getByText("Every state change, as a table").click();
  const rows = await tableRows(page, "Timeline events");
  return rows
    .filter(([, state]) => state === "running")
    .map(([worker, , from, to]) => ({ worker, from: Number(from), to: Number(to) }))
    .sort((a, b) => a.from - b.from);
}

/** Milliseconds from one worker's turn ending to the next worker's turn starting, turn by turn. */
export function handOffGaps(intervals) {
  const gaps = [];
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i].worker !== intervals[i - 1].worker) gaps.push(Math.max(0, intervals[i].from - intervals[i - 1].to));
  }
  return gaps;
}

/** The value below which `share` (0–1) of `values` lie (nearest rank). */
export function percentile(values, share) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * share)];
}

export const median = (values) => percentile(values, 0.5);

/** Sum over workers of the milliseconds spent in `state`. */
export const totalIn = (stateTimes, state) => stateTimes.reduce((total, worker) => total + (worker[state] ?? 0), 0);
