// What a shared Value's access costs in the page: one child process runs `v.value += 1` in a
// loop (a read and a write each time, no lock), on a cross-origin isolated page, where the
// Value is in shared memory, and on one without isolation, where every read is a round trip
// through the page's keeper; beside it, the same loop on a plain object's property (the
// interpreter's own share). Printed, never asserted. Run on its own:
// `node tests/bench/shared_values.mjs` (after `trunk build --release`).
import { openPlayground } from "../support/browser.mjs";
import { outputTexts, runProgram } from "../support/program.mjs";
import { fixed, printTable, writeJson } from "./report.mjs";

/** Adds on the isolated page (the brief's 100k). */
const ADDS_IN_SHARED_MEMORY = 100_000;

/**
 * Adds on the page without isolation: fewer, since each is a round trip, and a program's time
 * limit is 30 s.
 */
const ADDS_RELAYED = 20_000;

const ONE_CHILD_ADDS = (adds) => `import multiprocessing
import time


class Plain:
    """The same property over a plain attribute: the interpreter's share of an add."""

    def __init__(self):
        self._value = 0

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        self._value = value


def timed(counter, times):
    started = time.perf_counter()
    for _ in range(times):
        counter.value += 1
    return (time.perf_counter() - started) * 1000


def add(counter, times):
    print(f"{timed(counter, times):.1f} {timed(Plain(), times):.1f}")


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0, lock=False)
    p = multiprocessing.Process(target=add, args=(counter, ${adds}))
    p.start()
    p.join()
    print(counter.value)
`;

/** Runs the loop `repeats` times on `page`; each run's milliseconds inside the child. */
async function loopTimes(page, adds, repeats) {
  const times = [];
  for (let run = 0; run < repeats; run++) {
    await runProgram(page, ONE_CHILD_ADDS(adds), "CPython 3.12, with the GIL");
    const [ms, count] = await outputTexts(page);
    if (Number(count) !== adds) throw new Error(`the child counted ${count}, not ${adds}`);
    const [shared, plain] = ms.split(" ").map(Number);
    times.push({ shared, plain });
  }
  return times;
}

/** Measures both pages; the figures. */
export async function sharedValues(repeats = 3) {
  const rows = [];
  for (const [where, options, adds] of [
    ["isolated: in shared memory", {}, ADDS_IN_SHARED_MEMORY],
    ["not isolated: relayed through the page", { isolated: false, serviceWorkers: "block" }, ADDS_RELAYED],
  ]) {
    const { page, close } = await openPlayground(options);
    try {
      const times = await loopTimes(page, adds, repeats);
      const best = Math.min(...times.map((run) => run.shared));
      const plainBest = Math.min(...times.map((run) => run.plain));
      rows.push({ where, adds, times, bestMs: best, perAddUs: (best * 1000) / adds, plainPerAddUs: (plainBest * 1000) / adds });
    } finally {
      await close();
    }
  }
  printTable(`A shared Value's \`v.value += 1\` in one child process (best of ${repeats}, time inside the child)`,
    ["page", "adds", "best (ms)", "per add (µs)", "per add to a plain object's property (µs)", "all runs (ms)"],
    rows.map((row) => [row.where, row.adds, fixed(row.bestMs, 1), fixed(row.perAddUs, 1), fixed(row.plainPerAddUs, 2),
      row.times.map((run) => fixed(run.shared, 1)).join(", ")]));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeJson("shared_values", await sharedValues());
}
