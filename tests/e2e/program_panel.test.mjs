// Issue 13: a learner's own threaded Python runs in the page, every thread on a Web Worker of
// its own under the mode's GIL; the Program panel shows the output as it is printed, how the
// program ended, and one timeline lane per Python thread, named as Python names it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { showPart } from "../support/playground.mjs";
import {
  outputLines, outputTexts, programControls, programPanel, programSource, PYTHON_MODES, quickestStopMs, runProgram, startProgram,
  threadNames, TWO_THREADS, waitForProgramEnd,
} from "../support/program.mjs";

const playground = playgroundForTests();

const MODES = [PYTHON_MODES.gil312, PYTHON_MODES.gil39, PYTHON_MODES.free, PYTHON_MODES.oneCore];

/** Workers the page starts for programs with itself: the main thread's and two spares (python_run.rs). */
const PROGRAM_WORKERS_KEPT = 3;

test("the page starts workers for programs with itself, and a program's main thread shows its start", async () => {
  const { page } = playground;
  // The experiments' pool keeps as many workers as cores (2 to 8); the Program panel's, its own.
  const kept = await page.evaluate(() => Math.min(Math.max(navigator.hardwareConcurrency, 2), 8));
  const deadline = Date.now() + 10_000;
  const workers = () => page.evaluate(() => window.wasmBindings.thread_workers());
  while ((await workers()) < kept + PROGRAM_WORKERS_KEPT && Date.now() < deadline) await page.waitForTimeout(100);
  assert.equal(await workers(), kept + PROGRAM_WORKERS_KEPT, "workers alive before any program ran");
  assert.match(await runProgram(page, 'print("ready")\n', MODES[0]), /^Finished/);
  assert.match(await page.getByRole("img", { name: /^MainThread: / }).getAttribute("aria-label"), /starting \d/);
  assert.equal(await workers(), kept + PROGRAM_WORKERS_KEPT, "the program ran on the workers kept for it");
});

describe("a program with two threads, a Lock and a Queue", () => {
  for (const mode of MODES) {
    test(`runs in the mode "${mode}" with its output and one lane per thread`, async () => {
      const { page, errors } = playground;
      assert.match(await runProgram(page, TWO_THREADS, mode), /^Finished in \d+ ms\.$/);
      const texts = await outputTexts(page);
      assert.equal(texts.at(-1), "total 55");
      // Which thread takes which job depends on scheduling; that every job is done once does not.
      assert.deepEqual(texts.slice(0, -1).sort(), Array.from({ length: 10 }, (_, i) => `job ${i + 1}`).sort());
      const printers = new Set((await outputLines(page)).slice(0, -1).map((line) => line.thread));
      for (const printer of printers) assert.match(printer, /^Thread-[12] \(worker\)$/);
      assert.deepEqual(await threadNames(page), ["MainThread", "Thread-1 (worker)", "Thread-2 (worker)"]);
      assert.ok(await page.getByRole("img", { name: /^Thread-1 \(worker\): .*running/ }).isVisible());
      assert.deepEqual(errors, []);
    });
  }
});

test("the main thread's lane says what it waited for", async () => {
  const { page } = playground;
  await runProgram(page, TWO_THREADS, MODES[0]);
  const row = await page.getByRole("table", { name: "Python threads" }).getByRole("row", { name: /^MainThread/ }).textContent();
  assert.match(row, /finished/);
  assert.match(row, /join|Thread/);
});

test("a program starts with the Program's own switch interval, set by keyboard, and sys.setswitchinterval changes it", async () => {
  const { page } = playground;
  await showPart(page, "Program");
  const field = programPanel(page).getByRole("spinbutton", { name: "Switch interval (ms)", exact: true });
  assert.equal(await field.inputValue(), "5", "CPython's 5 ms to start with");
  const setByKeyboard = async (text) => {
    await field.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(text);
    await page.keyboard.press("Tab");
  };
  const source = "import sys\nprint(sys.getswitchinterval())\nsys.setswitchinterval(0.02)\nprint(sys.getswitchinterval())\n";
  try {
    await setByKeyboard("0.1");
    assert.match(await programPanel(page).getByLabel("Link to this program").inputValue(), /&py\.si=0\.1&/, "the program's link carries it");
    assert.match(await runProgram(page, source, MODES[0]), /^Finished/);
    // 0.1 ms is kept as 100 µs and read back as 100 * 1e-6, which CPython 3.11 prints so too.
    assert.deepEqual(await outputTexts(page), ["9.999999999999999e-05", "0.02"]);
    await setByKeyboard("1000");
    assert.equal(await field.inputValue(), "100", "brought within 0.1–100 ms");
  } finally {
    await setByKeyboard("5");
  }
  assert.match(await runProgram(page, "import sys\nprint(sys.getswitchinterval())\n", MODES[0]), /^Finished/);
  assert.deepEqual(await outputTexts(page), ["0.005"]);
});

test("Stop ends an endless loop within a second and leaves the panel usable", async () => {
  const { page } = playground;
  const took = await quickestStopMs(page, 'print("looping")\nwhile True:\n    pass\n', MODES[0], "looping", 1_000);
  assert.ok(took < 1_000, `stopping took ${took} ms`);
  assert.match(await runProgram(page, 'print("again")\n', MODES[0]), /^Finished/);
  assert.deepEqual(await outputTexts(page), ["again"]);
});

test("an uncaught exception in a thread prints its traceback while the main thread goes on", async () => {
  const { page } = playground;
  const source = `import threading

def fail():
    raise ValueError("bad value")

t = threading.Thread(target=fail)
t.start()
t.join()
print("main goes on")
`;
  assert.match(await runProgram(page, source, MODES[0]), /^Finished/);
  const lines = await outputLines(page);
  const texts = lines.map((line) => line.text);
  assert.equal(texts[0], "Exception in thread Thread-1 (fail):");
  assert.equal(texts[1], "Traceback (most recent call last):");
  assert.ok(texts.includes('  File "main.py", line 4, in fail'), texts.join("\n"));
  assert.ok(texts.includes("ValueError: bad value"), texts.join("\n"));
  assert.equal(lines.find((line) => line.text === "ValueError: bad value").stream, "stderr");
  assert.deepEqual(lines.at(-1), { thread: "MainThread", text: "main goes on", stream: "stdout" });
});

test("a syntax error gives its line and column", async () => {
  const { page } = playground;
  const status = await runProgram(page, "x = 1\nif x == 1\n    print(x)\n", MODES[0]);
  assert.match(status, /^The program cannot run: SyntaxError: .* \(line 2, column 10\)$/);
  assert.ok((await outputTexts(page)).includes('  File "main.py", line 2'));
});

test("a deadlock is reported, naming who waits for what", async () => {
  const { page } = playground;
  const source = `import threading

first, second = threading.Lock(), threading.Lock()
# Each holds one lock before either asks for the other, however late the second starts.
both_hold_one = threading.Barrier(2)

def one():
    with first:
        both_hold_one.wait()
        with second:
            pass

def two():
    with second:
        both_hold_one.wait()
        with first:
            pass

threads = [threading.Thread(target=one), threading.Thread(target=two)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
`;
  const status = await runProgram(page, source, MODES[0]);
  assert.match(status, /^Stopped: deadlock: every thread is blocked/);
  assert.match(status, /Thread-1 \(one\) waits for/);
  assert.match(status, /Thread-2 \(two\) waits for/);
});

test("[0] * 10**9 is a MemoryError and the page survives", async () => {
  const { page, errors } = playground;
  const status = await runProgram(page, "big = [0] * 10**9\n", MODES[0]);
  assert.match(status, /^Ended by an uncaught exception: MemoryError/);
  assert.match(await runProgram(page, 'print("still here")\n', MODES[0]), /^Finished/);
  assert.deepEqual(await outputTexts(page), ["still here"]);
  assert.deepEqual(errors, []);
});

test("recursion past CPython's limit is a RecursionError, never a trap, however it recurses", async () => {
  const { page, errors } = playground;
  const source = `import sys
import threading

def plain(n):
    return plain(n + 1)

class Nested:
    def __repr__(self):
        return repr(Nested())

def through_sorted(n):
    return sorted([n], key=through_sorted)

def method(n):
    return Nested().__repr__()

def attempt(name, call):
    try:
        call()
    except RecursionError as error:
        print(name, "RecursionError:", error)

def all_kinds():
    attempt("plain", lambda: plain(0))
    attempt("repr", lambda: repr(Nested()))
    attempt("sorted", lambda: through_sorted(0))

print("limit", sys.getrecursionlimit())
t = threading.Thread(target=all_kinds)
t.start()
t.join()
all_kinds()
`;
  assert.match(await runProgram(page, source, MODES[0]), /^Finished/);
  const texts = await outputTexts(page);
  assert.equal(texts[0], "limit 1000");
  const kinds = ["plain", "repr", "sorted"].map((kind) => `${kind} RecursionError: maximum recursion depth exceeded`);
  assert.deepEqual(texts.slice(1), [...kinds, ...kinds]);
  const used = await page.evaluate(() => window.wasmBindings.python_stack_bytes_used());
  console.log(`deepest Python stack in the shared memory: ${(used / 1024).toFixed(0)} KiB of 1024 KiB`);
  assert.ok(used > 0 && used < 1024 * 1024, `the stack watch saw ${used} bytes`);
  assert.deepEqual(errors, []);
});

test("128 threads run at once, and one more is RuntimeError: can't start new thread", async () => {
  const { page } = playground;
  const source = `import threading

go = threading.Event()
done = []
started = []

def wait_then_note():
    go.wait()
    done.append(1)

try:
    for n in range(200):
        t = threading.Thread(target=wait_then_note)
        t.start()
        started.append(t)
except RuntimeError as error:
    print(len(started) + 1, "threads, then", error)
go.set()
for t in started:
    t.join()
print(len(done), "threads went on")
`;
  assert.match(await runProgram(page, source, MODES[0]), /^Finished/);
  assert.deepEqual(await outputTexts(page), ["128 threads, then can't start new thread", "127 threads went on"]);
  // Every thread started has a lane (the refused one too: it was added before the page refused it).
  const names = await threadNames(page);
  assert.ok(names.includes("Thread-127 (wait_then_note)"), names.slice(-3).join(", "));
});

test("100,000 prints leave the page responsive and keep the last lines", async () => {
  const { page } = playground;
  // The longest gap between frames while it prints: printed, not asserted (timings vary).
  await page.evaluate(() => {
    window.longestFrameGapMs = 0;
    let last = performance.now();
    const frame = (now) => {
      window.longestFrameGapMs = Math.max(window.longestFrameGapMs, now - last);
      last = now;
      if (!window.stopFrames) requestAnimationFrame(frame);
    };
    window.stopFrames = false;
    requestAnimationFrame(frame);
  });
  await startProgram(page, "for n in range(100000):\n    print(n)\n", MODES[0]);
  // The page answers a key press while the program prints.
  const box = page.getByRole("textbox", { name: "Python program" });
  await box.press("End");
  await box.type("# typed while running");
  assert.match(await programSource(page), /# typed while running$/);
  assert.match(await waitForProgramEnd(page), /^Finished/);
  const gapMs = await page.evaluate(() => { window.stopFrames = true; return window.longestFrameGapMs; });
  console.log(`longest gap between frames while 100,000 lines were printed: ${gapMs.toFixed(0)} ms`);
  const lines = await outputLines(page);
  assert.equal(lines.filter((line) => line.stream === "stdout").at(-1).text, "99999");
  assert.equal(lines.at(-1).text, "(90000 earlier lines of output were dropped: the last 10000 are kept)");
  assert.match(await page.getByRole("region", { name: "Program", exact: true }).textContent(), /99001 earlier lines are not \(90001 of them were dropped by the interpreter/);
  await saveScreenshot(page, "program-panel");
});
