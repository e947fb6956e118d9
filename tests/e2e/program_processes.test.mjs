// Issue 14 §1 and §4: a program that uses multiprocessing runs in the page, each process on a
// program worker of its own, the page keeping what they share; on an isolated page and on one
// without isolation alike. Pool, Process and Queue print what CPython prints; a child's
// exception prints its traceback and exit code 1; Stop ends a program whose child loops forever.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { outputLines, outputTexts, programPanel, runProgram, startProgram, threadNames, waitForProgramEnd, programControls } from "../support/program.mjs";

const GIL312 = "CPython 3.12, with the GIL";

const POOL_MAP = `from multiprocessing import Pool


def square(n):
    return n * n


if __name__ == "__main__":
    with Pool(2) as p:
        print(p.map(square, range(10)))
`;

const PROCESS_WITH_QUEUE = `import multiprocessing


def produce(q):
    for n in range(3):
        q.put(n * 10)
    q.put(None)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=produce, args=(q,))
    p.start()
    while (item := q.get()) is not None:
        print("got", item)
    p.join()
    print("exitcode:", p.exitcode)
`;

const CHILD_RAISES = `import multiprocessing


def divide(a, b):
    return a / b


def work():
    print("about to divide")
    divide(1, 0)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
`;

const CHILD_LOOPS_FOREVER = `import multiprocessing


def spin():
    print("spinning")
    while True:
        pass


if __name__ == "__main__":
    p = multiprocessing.Process(target=spin)
    p.start()
    p.join()
`;

// Figures printed, not asserted: a process's start and join, and a round trip through two Queues.
const FIGURES = `import multiprocessing
import time


def nothing():
    pass


def echo(inbox, outbox):
    while (item := inbox.get()) is not None:
        outbox.put(item)


if __name__ == "__main__":
    started = time.perf_counter()
    p = multiprocessing.Process(target=nothing)
    p.start()
    p.join()
    print(f"start and join: {(time.perf_counter() - started) * 1000:.1f} ms")
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=echo, args=(inbox, outbox))
    p.start()
    inbox.put(0)
    outbox.get()
    trips = []
    for n in range(50):
        started = time.perf_counter()
        inbox.put(n)
        outbox.get()
        trips.append((time.perf_counter() - started) * 1000)
    inbox.put(None)
    p.join()
    trips.sort()
    print(f"queue round trip: median {trips[25]:.2f} ms, p95 {trips[47]:.2f} ms")
`;

for (const [where, options] of [
  ["an isolated page", {}],
  ["a page without isolation", { isolated: false, serviceWorkers: "block" }],
]) {
  describe(`processes in ${where}`, () => {
    const playground = playgroundForTests(options);

    test("a Pool of two processes maps a function as CPython does", async () => {
      const { page } = playground;
      const started = Date.now();
      assert.match(await runProgram(page, POOL_MAP, GIL312), /^Finished/);
      console.log(`Pool(2).map over ten items in ${where}: ${Date.now() - started} ms from Run`);
      assert.deepEqual(await outputTexts(page), ["[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"]);
    });

    test("a Process sends values to its parent through a Queue, and has a lane of its own", async () => {
      const { page } = playground;
      assert.match(await runProgram(page, PROCESS_WITH_QUEUE, GIL312), /^Finished/);
      assert.deepEqual(await outputTexts(page), ["got 0", "got 10", "got 20", "exitcode: 0"]);
      const names = await threadNames(page);
      assert.ok(names.includes("Process-1 MainThread"), names.join(", "));
    });

    test("a child's exception prints its traceback, and its exit code is 1", async () => {
      const { page } = playground;
      await runProgram(page, CHILD_RAISES, GIL312);
      const lines = await outputLines(page);
      const child = lines.filter((line) => line.thread === "Process-1/MainThread");
      assert.deepEqual(child[0], { thread: "Process-1/MainThread", text: "about to divide", stream: "stdout" });
      const stderr = child.filter((line) => line.stream === "stderr").map((line) => line.text);
      assert.equal(stderr[0], "Process Process-1:");
      assert.equal(stderr.at(-1), "ZeroDivisionError: division by zero");
      assert.ok(stderr.includes("  File \"main.py\", line 10, in work"), stderr.join("\n"));
      assert.equal(lines.at(-1).text, "exitcode: 1");
    });

    test("a process's start and a Queue round trip are measured", async () => {
      const { page } = playground;
      assert.match(await runProgram(page, FIGURES, GIL312), /^Finished/);
      const texts = await outputTexts(page);
      console.log(`${where}: ${texts.join("; ")}`);
      assert.match(texts[0], /^start and join: [\d.]+ ms$/);
      assert.match(texts[1], /^queue round trip: median [\d.]+ ms, p95 [\d.]+ ms$/);
    });

    test("Stop ends a program whose child loops forever", async () => {
      const { page } = playground;
      await startProgram(page, CHILD_LOOPS_FOREVER, GIL312);
      const log = programPanel(page).getByRole("log", { name: "Output" });
      await log.getByText("spinning").waitFor({ timeout: 30_000 });
      const stopped = Date.now();
      await programControls(page).getByRole("button", { name: "Stop", exact: true }).click();
      assert.equal(await waitForProgramEnd(page), "Stopped.");
      console.log(`Stop to "Stopped." with a child looping forever in ${where}: ${Date.now() - stopped} ms`);
    });
  });
}
