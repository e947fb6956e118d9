// Steps a learner takes on the playground page, found by role and accessible name.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

/** How long any one run may take in the tests before it counts as hung. */
const RUN_TIMEOUT_MS = 60_000;

/** The toolbar: the parts' tabs, the shown part's controls and Share. */
export const toolbar = (page) => page.getByRole("region", { name: "Toolbar", exact: true });

/**
 * Shows the part named `name` ("Experiment" or "Program") by its tab in the toolbar, unless it
 * is shown (or the page has no tabs: the widget).
 */
export async function showPart(page, name) {
  const tab = page.getByRole("tab", { name, exact: true });
  if ((await tab.count()) === 0 || (await tab.getAttribute("aria-selected")) === "true") return;
  await tab.click();
  await page.locator(`[role=tab][aria-selected=true]`, { hasText: name }).waitFor();
}

/** Picks an experiment by its name in the picker (the option reads "A2 · Monte Carlo pi"). */
export async function chooseExperiment(page, name) {
  await showPart(page, "Experiment");
  const picker = page.getByRole("combobox", { name: "Experiment" });
  const label = (await picker.locator("option").filter({ hasText: ` · ${name}` }).first().textContent()).trim();
  await picker.selectOption({ label });
}

/** Picks a mode by its label. */
export async function chooseMode(page, label) {
  await showPart(page, "Experiment");
  await page.getByRole("radio", { name: label, exact: true }).check();
}

/** Types into the Experiment's field labelled `label`. */
export async function fill(page, label, value) {
  await showPart(page, "Experiment");
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

/** Presses Run and waits until the run has ended; resolves to the notice under "Timeline". */
export async function runToEnd(page) {
  await showPart(page, "Experiment");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  return waitForRunEnd(page);
}

/** Waits until Run can be pressed again, and returns the run's notice text. */
export async function waitForRunEnd(page) {
  const run = page.getByRole("button", { name: "Run", exact: true });
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (!(await run.isEnabled())) {
    assert.ok(Date.now() < deadline, "the run did not end within a minute");
    await page.waitForTimeout(50);
  }
  return notice(page);
}

/** The text of the run's notice (a status or an alert). */
export async function notice(page) {
  return (await page.locator("section[aria-labelledby=timeline-heading] .notice").textContent()).trim();
}

/** The rows of a table found by its accessible name, as arrays of cell texts (header row excluded). */
export async function tableRows(page, name) {
  return page.getByRole("table", { name }).evaluate((table) =>
    [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent.trim())),
  );
}

/** The last results-table row as an object keyed by column header. */
export async function lastResult(page) {
  const table = page.getByRole("table", { name: "Results" });
  const headers = await table.evaluate((t) => [...t.tHead.rows[0].cells].map((cell) => cell.textContent.trim()));
  const rows = await tableRows(page, "Results");
  assert.ok(rows.length > 0, "no results row");
  return Object.fromEntries(headers.map((header, i) => [header, rows.at(-1)[i]]));
}

/** Each worker's intervals in `state`, from the "Timeline events" table: Map worker -> [[from, to]]. */
export async function intervalsIn(page, state) {
  const details = page.locator("details", { has: page.getByText("Every state change, as a table") });
  if (!(await details.evaluate((element) => element.open))) {
    await details.getByText("Every state change, as a table").click();
  }
  const byWorker = new Map();
  for (const [worker, rowState, from, to] of await tableRows(page, "Timeline events")) {
    if (rowState !== state) continue;
    if (!byWorker.has(worker)) byWorker.set(worker, []);
    byWorker.get(worker).push([Number(from), Number(to)]);
  }
  return byWorker;
}

/**
 * Overlaps shorter than this are clock noise, not two workers at once. A timestamp is
 * `performance.timeOrigin + performance.now()`, each coarsened by the browser: 5 µs in isolated
 * pages, 100 µs in others; so two workers' readings may disagree by four coarsening steps.
 */
export async function clockJitterMs(page) {
  const coarseningMs = (await page.evaluate(() => crossOriginIsolated)) ? 0.005 : 0.1;
  return 4 * coarseningMs;
}

/** Milliseconds during which intervals of two different workers overlap, pair by pair. */
export function overlapsBetweenWorkers(byWorker) {
  const workers = [...byWorker.keys()];
  const overlaps = [];
  for (let a = 0; a < workers.length; a++) {
    for (let b = a + 1; b < workers.length; b++) {
      for (const [startA, endA] of byWorker.get(workers[a])) {
        for (const [startB, endB] of byWorker.get(workers[b])) {
          const overlap = Math.min(endA, endB) - Math.max(startA, startB);
          if (overlap > 0) overlaps.push(overlap);
        }
      }
    }
  }
  return overlaps;
}

/** Waits (up to 5 s) until the locator's text matches `pattern`; resolves to that text. */
export async function textMatching(locator, pattern) {
  const deadline = Date.now() + 5_000;
  let text = await locator.textContent();
  while (!pattern.test(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = await locator.textContent();
  }
  assert.match(text, pattern);
  return text;
}

/** Clicks the button named `name` and resolves to the downloaded file's name and bytes. */
export async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return { fileName: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
