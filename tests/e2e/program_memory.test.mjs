// A program's objects are freed when it ends: on an isolated page (every Python thread on a
// parked worker in the page's memory), many runs of a program holding a list of 1M ints leave
// the WebAssembly memory flat, where each run used to keep its list (56 → 368 MiB over 20).
// A program of four processes (each on a program worker with memory of its own) run 50 times
// leaves the page's memory, its live program workers and the browser's memory (PSS, every
// worker's heap and memory included) flat between run 10 and run 50. Prints the figures.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests, waitForWorkersToSettle } from "../support/browser.mjs";
import { chromiumPssBytes } from "../bench/browser_memory.mjs";
import { outputTexts, runProgram } from "../support/program.mjs";

const PROGRAM_RUNS = Number(process.env.PROGRAM_RUNS ?? 20);
/** Runs before the first reading: the workers, caches and the allocator settle in. */
const SETTLING_RUNS = 3;

/** A list of 1M ints in a global, next to a function and an instance (cycles through globals). */
const HOLDS_A_LIST = `data = list(range(1_000_000))

class Holder:
    def __init__(self, items):
        self.items = items

def size():
    return len(holder.items)

holder = Holder(data)
print(size())
`;

const playground = playgroundForTests();

const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);

const wasmMemoryBytes = (page) => page.evaluate(() => window.wasmBindings.wasm_memory_bytes());

async function runsOfTheList(page, count) {
  for (let run = 0; run < count; run++) {
    assert.match(await runProgram(page, HOLDS_A_LIST, "CPython 3.12, with the GIL"), /^Finished/);
  }
}

test(`${PROGRAM_RUNS} runs of a program holding 1M ints leave the memory flat`, async () => {
  const { page } = playground;
  await runsOfTheList(page, SETTLING_RUNS);
  const before = await wasmMemoryBytes(page);
  await runsOfTheList(page, PROGRAM_RUNS);
  const after = await wasmMemoryBytes(page);
  console.log(`WebAssembly memory: ${mib(before)} MiB before, ${mib(after)} MiB after ${PROGRAM_RUNS} runs of a 1M-int list`);
  // One run's list is about 16 MiB: growing by less than two of them over all the runs is flat.
  assert.ok(after - before < 32 * 2 ** 20, `WebAssembly memory grew from ${mib(before)} to ${mib(after)} MiB`);
});

const PROCESS_RUNS = Number(process.env.PROCESS_RUNS ?? 50);
/** The run after which the first reading is taken: spares, caches and the allocator settle in. */
const PROCESS_SETTLING_RUNS = 10;

/** Four processes, each summing a list of 100k ints of its own and sending the sum back. */
const FOUR_PROCESSES = `import multiprocessing


def total(results, n):
    numbers = list(range(n))
    results.put(sum(numbers))


if __name__ == "__main__":
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=total, args=(results, 100_000)) for _ in range(4)]
    for worker in workers:
        worker.start()
    sums = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    print(sum(sums))
`;

/** The page's memory, its live program workers, its JavaScript heap and the browser's PSS, once settled and after a garbage collection. */
async function memoryAfterGc(page, cdp) {
  await waitForWorkersToSettle(page, "program_workers");
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const probes = await page.evaluate(() => ({ wasmBytes: window.wasmBindings.wasm_memory_bytes(), programWorkers: window.wasmBindings.program_workers() }));
  const jsHeapBytes = metrics.find((metric) => metric.name === "JSHeapUsedSize").value;
  return { ...probes, jsHeapBytes, pssBytes: await chromiumPssBytes(process.env.XDG_CONFIG_HOME) };
}

async function runsOfFourProcesses(page, count) {
  for (let run = 0; run < count; run++) {
    assert.match(await runProgram(page, FOUR_PROCESSES, "CPython 3.12, with the GIL"), /^Finished/);
    assert.deepEqual(await outputTexts(page), [String(4 * 4_999_950_000)]);
  }
}

test(`${PROCESS_RUNS} runs of a program of four processes leave the memory and the workers flat`, async () => {
  const { page } = playground;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await runsOfFourProcesses(page, PROCESS_SETTLING_RUNS);
  const before = await memoryAfterGc(page, cdp);
  await runsOfFourProcesses(page, PROCESS_RUNS - PROCESS_SETTLING_RUNS);
  const after = await memoryAfterGc(page, cdp);
  console.log(`After run ${PROCESS_SETTLING_RUNS} and run ${PROCESS_RUNS} of four processes: WebAssembly memory ${mib(before.wasmBytes)} and ${mib(after.wasmBytes)} MiB, ` +
    `program workers ${before.programWorkers} and ${after.programWorkers}, JavaScript heap ${mib(before.jsHeapBytes)} and ${mib(after.jsHeapBytes)} MiB, ` +
    `browser PSS ${mib(before.pssBytes)} and ${mib(after.pssBytes)} MiB`);
  // Every process's worker is terminated when it ends: the spares are all that stay.
  assert.ok(after.programWorkers === before.programWorkers, `program workers went from ${before.programWorkers} to ${after.programWorkers}`);
  assert.ok(after.wasmBytes - before.wasmBytes < 16 * 2 ** 20, `WebAssembly memory grew from ${mib(before.wasmBytes)} to ${mib(after.wasmBytes)} MiB`);
  assert.ok(after.jsHeapBytes - before.jsHeapBytes < 16 * 2 ** 20, `the JavaScript heap grew from ${mib(before.jsHeapBytes)} to ${mib(after.jsHeapBytes)} MiB`);
  // A worker left alive keeps its memory and heap, several MiB: 160 of them would be far past this.
  assert.ok(after.pssBytes - before.pssBytes < 64 * 2 ** 20, `the browser's PSS grew from ${mib(before.pssBytes)} to ${mib(after.pssBytes)} MiB`);
});

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
