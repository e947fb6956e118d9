// Section `python-threads` of the benchmark: what a Python thread costs in the page. A program
// starts threads until the page refuses one (`RuntimeError: can't start new thread`), each
// waiting on an Event; once the workers stop growing, the page's thread workers, WebAssembly
// memory and the browser's PSS are read, then Stop ends the program, and they are read again
// once the pool has shrunk. Printed, never asserted.
import { waitForWorkersToSettle } from "../support/browser.mjs";
import { memoryFigures } from "./browser_memory.mjs";
import { fixed, printTable } from "./report.mjs";
import { outputTexts, programControls, startProgram, waitForProgramEnd } from "../support/program.mjs";

const AS_MANY_AS_ALLOWED = `import threading, time
go = threading.Event()
started = []
try:
    while True:
        t = threading.Thread(target=go.wait)
        t.start()
        started.append(t)
except RuntimeError as error:
    print(len(started) + 1, "threads, then", error)
time.sleep(25)
`;

/** The pool's idle time before it shrinks (thread_pool.rs), and some slack. */
const SHRUNK_AFTER_MS = 13_000;

export async function pythonThreads(page) {
  const mib = (bytes) => fixed(bytes / 2 ** 20, 1);
  const before = await memoryFigures(page);
  await startProgram(page, AS_MANY_AS_ALLOWED, "CPython 3.12, with the GIL");
  while (!(await outputTexts(page)).length) await page.waitForTimeout(100);
  const threads = Number((await outputTexts(page))[0].split(" ")[0]);
  await waitForWorkersToSettle(page, "thread_workers");
  const during = await memoryFigures(page);
  await programControls(page).getByRole("button", { name: "Stop", exact: true }).click();
  await waitForProgramEnd(page);
  await page.waitForTimeout(SHRUNK_AFTER_MS);
  const after = await memoryFigures(page);
  const perThread = (key) => (during[key] - before[key]) / (during.threadWorkers - before.threadWorkers);
  const rows = [["before", before], [`${threads} threads alive`, during], [`${SHRUNK_AFTER_MS / 1000} s after Stop`, after]];
  printTable(`Python threads in the page: ${threads} at most (the main one included), one thread worker each`,
    ["when", "thread workers", "WebAssembly memory (MiB)", "browser PSS (MiB)"],
    [...rows.map(([when, figures]) => [when, figures.threadWorkers, mib(figures.wasmBytes), mib(figures.browserPssBytes)]),
      ["per added worker", 1, mib(perThread("wasmBytes")), mib(perThread("browserPssBytes"))]]);
  return { threads, before, during, after, perWorker: { wasmBytes: perThread("wasmBytes"), browserPssBytes: perThread("browserPssBytes") } };
}
