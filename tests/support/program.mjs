// Steps a learner takes in the Program panel, found by role and accessible name.
import assert from "node:assert/strict";
import { showPart, toolbar } from "./playground.mjs";

/** How long a program may take in the tests before it counts as hung. */
const PROGRAM_TIMEOUT_MS = 60_000;

/** The Program panel. */
export const programPanel = (page) => page.getByRole("region", { name: "Program", exact: true });

/**
 * Where the program's mode, Run program and Stop are: the playground's toolbar, or the Program
 * panel in a widget (which has no toolbar).
 */
export const programControls = (page) => toolbar(page).or(programPanel(page));

/** Puts `source` in the textbox, picks `mode` and presses "Run program" (once it can be pressed). */
export async function startProgram(page, source, mode) {
  const controls = programControls(page);
  await fillProgram(page, source);
  await controls.getByRole("radiogroup", { name: "Python mode" }).getByRole("radio", { name: mode, exact: true }).check();
  const run = controls.getByRole("button", { name: "Run program", exact: true });
  const deadline = Date.now() + PROGRAM_TIMEOUT_MS;
  while (!(await run.isEnabled())) {
    assert.ok(Date.now() < deadline, "Run program stayed disabled");
    await page.waitForTimeout(50);
  }
  await run.click();
}

/** Runs `source` in `mode` to its end; resolves to the panel's status. */
export async function runProgram(page, source, mode) {
  await startProgram(page, source, mode);
  return waitForProgramEnd(page);
}

/**
 * Runs `source` in `mode` to its end, looking whether it has ended only every `everyMs` (a
 * bench's run: `waitForProgramEnd`'s look every 50 ms is a round trip that has the page lay
 * itself out, and took 15 % of a core from the program's workers); resolves to the status.
 */
export async function runProgramUnwatched(page, source, mode, everyMs = 500) {
  await startProgram(page, source, mode);
  const run = await programControls(page).getByRole("button", { name: "Run program", exact: true }).elementHandle();
  await page.waitForFunction((button) => !button.isConnected || !button.disabled, run, { polling: everyMs, timeout: PROGRAM_TIMEOUT_MS });
  return waitForProgramEnd(page);
}

/** Waits until "Run program" can be pressed again; resolves to the panel's status. */
export async function waitForProgramEnd(page) {
  await showPart(page, "Program");
  const run = programControls(page).getByRole("button", { name: "Run program", exact: true });
  const deadline = Date.now() + PROGRAM_TIMEOUT_MS;
  while (!(await run.isEnabled())) {
    assert.ok(Date.now() < deadline, "the program did not end within a minute");
    await page.waitForTimeout(50);
  }
  return programStatus(page);
}

/** Tries of a timed Stop: one stall of a loaded machine is not a slow Stop, one in every try is. */
const STOP_TRIES = 3;

/**
 * Runs `source` (which prints `readyLine`, then goes on until stopped) and presses Stop once that
 * line is shown; resolves to the milliseconds from the click until the panel said "Stopped.".
 * Up to three tries, until one is under `withinMs`: the quickest of them.
 */
export async function quickestStopMs(page, source, mode, readyLine, withinMs) {
  const tries = [];
  while (tries.length < STOP_TRIES && !tries.some((ms) => ms < withinMs)) {
    await startProgram(page, source, mode);
    const log = programPanel(page).getByRole("log", { name: "Output" });
    await log.getByText(readyLine, { exact: true }).waitFor({ timeout: PROGRAM_TIMEOUT_MS });
    const pressed = Date.now();
    await programControls(page).getByRole("button", { name: "Stop", exact: true }).click();
    await programPanel(page).getByRole("status").filter({ hasText: /^Stopped\.$/ }).waitFor({ timeout: PROGRAM_TIMEOUT_MS });
    tries.push(Date.now() - pressed);
  }
  console.log(`Stop to "Stopped." after "${readyLine}": ${tries.join(", ")} ms`);
  return Math.min(...tries);
}

/** The panel's status line. */
export async function programStatus(page) {
  return (await programPanel(page).getByRole("status").textContent()).trim();
}

/** The Output log's lines: which thread printed each, its text, and its stream. */
export async function outputLines(page) {
  return programPanel(page).getByRole("log", { name: "Output" }).evaluate((log) =>
    [...log.children].map((line) => ({
      thread: line.querySelector(".thread").textContent,
      text: line.querySelector(".text").textContent,
      stream: line.classList.contains("stderr") ? "stderr" : "stdout",
    })),
  );
}

/** The Output log's lines as text. */
export async function outputTexts(page) {
  return (await outputLines(page)).map((line) => line.text);
}

/** The threads the timeline's table names, in its order. */
export async function threadNames(page) {
  const table = programPanel(page).getByRole("table", { name: "Python threads" });
  return (await table.getByRole("rowheader").allTextContents()).map((name) => name.trim());
}

/** The editor of the Program panel (CodeMirror's content, a textbox named "Python program"). */
export const editor = (page) => programPanel(page).getByRole("textbox", { name: "Python program" });

/**
 * Replaces the program in the editor with `source`, as one edit of the learner's (a paste: the
 * cursor ends after it).
 * Playwright's `fill` would select only the lines the editor has drawn, and it draws only those
 * in view: the editor's own view is reached through the bundle's `EditorView` (the page has
 * loaded it, so the import is the same module).
 */
export async function fillProgram(page, source) {
  await showPart(page, "Program");
  await editor(page).evaluate(async (content, text) => {
    const { EditorView } = await import(new URL("program-editor.js", document.baseURI).href);
    const view = EditorView.findFromDOM(content);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: text.length }, userEvent: "input.paste" });
  }, source);
}

/** The whole program in the editor. */
export async function programSource(page) {
  await showPart(page, "Program");
  return editor(page).evaluate(async (content) => {
    const { EditorView } = await import(new URL("program-editor.js", document.baseURI).href);
    return EditorView.findFromDOM(content).state.doc.toString();
  });
}

/** Puts `source` in the editor, picks `mode`, and resolves to "Link to this program". */
export async function linkToProgram(page, source, mode) {
  await fillProgram(page, source);
  await programControls(page).getByRole("radiogroup", { name: "Python mode" }).getByRole("radio", { name: mode, exact: true }).check();
  return programPanel(page).getByLabel("Link to this program").inputValue();
}

/** The Program panel's Python modes, by their radios' names. */
export const PYTHON_MODES = {
  gil312: "CPython 3.12, with the GIL",
  gil39: "CPython 3.9 and earlier",
  free: "free-threaded (3.13t / 3.14t)",
  oneCore: "one core",
};

// Two threads share a Queue of jobs and add to a total under a Lock.
export const TWO_THREADS = `import queue
import threading

jobs = queue.Queue()
total = 0
total_lock = threading.Lock()

def worker():
    global total
    while True:
        n = jobs.get()
        if n is None:
            return
        with total_lock:
            total += n
        print("job", n)

pair = [threading.Thread(target=worker) for _ in range(2)]
for thread in pair:
    thread.start()
for n in range(1, 11):
    jobs.put(n)
for thread in pair:
    jobs.put(None)
for thread in pair:
    thread.join()
print("total", total)
`;
