// A program's objects are freed when it ends: on an isolated page (every Python thread on a
// parked worker in the page's memory), many runs of a program holding a list of 1M ints leave
// the WebAssembly memory flat, where each run used to keep its list (56 → 368 MiB over 20).
// Prints the figures.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { runProgram } from "../support/program.mjs";

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

test("no page errors were logged during the runs", () => {
  assert.deepEqual(playground.errors, []);
});
