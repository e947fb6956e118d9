// The experiment catalogue (issue 3): every A and B experiment runs in headless Chromium in
// every mode it lists, draws its timeline with the per-worker table beside it, and gives the
// right answer; the convoy draws its response-time histogram; throughput is shown; a serial
// share makes workers wait. Sizes are small so the whole file runs in about a minute.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, lastResult, runToEnd, tableRows } from "../support/playground.mjs";

const playground = playgroundForTests();

const sumBelow = (n) => (n * (n - 1)) / 2;

/** Each experiment: its picker name, small parameters, worker count, modes, and the answer. */
const CATALOGUE = [
  { id: "A1", name: "Countdown", fields: { "Count (decrements in all)": 20_000_000 }, workers: 2,
    modes: ["single worker", "threads + GIL", "free-threaded", "processes"], answer: /2 counter\(s\), 0 left to count|1 counter\(s\), 0 left to count/ },
  { id: "A2", name: "Monte Carlo pi", fields: { "Samples (points in all)": 2_000_000 }, workers: 2,
    modes: ["single worker", "threads + GIL", "free-threaded", "processes"], answer: /π ≈ 3\.1[34]\d*/ },
  { id: "A3", name: "Sum of primes", fields: { "Limits (one task each, separated by commas)": "100000, 200000, 300000" }, workers: 4,
    modes: ["single worker", "threads + GIL", "free-threaded", "processes"],
    answer: /below 100000: 454396537; below 200000: 1709600813; below 300000: 3709507114/ },
  { id: "A4", name: "Factorial, many times", fields: { "n (whose factorial)": 1000, "Times (one task each)": 20 }, workers: 20,
    modes: ["single worker", "threads + GIL", "free-threaded"], answer: /20 × factorial\(1000\): 2568 digits each/ },
  { id: "A5", name: "Pool calls", fields: { "Numbers (one call each)": 5, "Work per call (ticks)": 2_000_000 }, workers: 3,
    modes: ["threads + GIL", "processes"], answer: /map returned \[1, 4, 9, 16, 25\] in input order/ },
  { id: "A6", name: "Chunks queued over a pool", fields: { "Chunks (one task each)": 6, "Chunk size (additions each)": 1_000_000 }, workers: 3,
    modes: ["single worker", "processes"], answer: new RegExp(`sum ${sumBelow(6_000_000)} from 6 part`) },
  { id: "A7", name: "A heavy loop", fields: { "Iterations (additions in all)": 4_000_000, "Parts (one task each)": 4 }, workers: 4,
    modes: ["single worker", "processes"], answer: new RegExp(`sum ${sumBelow(4_000_000)} from 4 part`) },
  { id: "B1", name: "Sleep (blocking I/O)", fields: { "Sleeps (tasks)": 5, "Milliseconds per sleep": 100 }, workers: 5,
    modes: ["single worker", "threads + GIL", "free-threaded"], answer: /5 sleep\(s\) of 100 ms completed/ },
  { id: "B2", name: "Downloads with a thread pool", fields: { "Downloads (one task each)": 6, "Shortest latency (ms)": 50, "Longest latency (ms)": 100 }, workers: 3,
    modes: ["single worker", "threads + GIL"], answer: /6 download\(s\) completed/ },
  { id: "B3", name: "Copying large files", fields: { "Files (one task each)": 2, "Megabytes per file": 4 }, workers: 2,
    modes: ["single worker", "threads + GIL"], answer: /2 file\(s\) of 4 MB copied/ },
  { id: "B4", name: "Convoy", fields: { "I/O operations": 50, "Milliseconds per I/O operation": 1 }, workers: 2,
    modes: ["threads + GIL", "free-threaded"], answer: /50 I\/O operations completed; [1-9]\d* ticks of CPU work/ },
];

async function setUp(page, experiment) {
  await chooseExperiment(page, experiment.name);
  for (const [label, value] of Object.entries(experiment.fields)) await fill(page, label, value);
  await fill(page, "Workers (1–100)", experiment.workers);
}

describe("the catalogue", () => {
  test("offers rows A1 to A7 and B1 to B4, each with what to notice", async () => {
    const { page } = playground;
    const options = await page.getByRole("combobox", { name: "Experiment" }).locator("option").allTextContents();
    assert.deepEqual(options.map((option) => option.split(" · ")[0]), CATALOGUE.map((experiment) => experiment.id));
    for (const experiment of CATALOGUE) {
      await chooseExperiment(page, experiment.name);
      assert.match(await page.locator("#experiment-notice").textContent(), /^What to notice: \S/);
    }
  });

  for (const experiment of CATALOGUE) {
    for (const mode of experiment.modes) {
      test(`${experiment.id} ${experiment.name} runs in the ${mode} mode with its timeline, table and answer`, async () => {
        const { page } = playground;
        await setUp(page, experiment);
        await chooseMode(page, mode);
        const finished = await runToEnd(page);
        assert.match(finished, /^Finished/);
        const row = await lastResult(page);
        assert.equal(row.Mode.split(" (")[0], mode);
        assert.match(row.Result, experiment.answer);
        const lanes = mode === "single worker" ? 1 : experiment.workers;
        assert.equal((await tableRows(page, "Time per worker and state")).length, lanes);
        assert.match(await page.getByRole("img", { name: /^Timeline of/ }).getAttribute("aria-label"), new RegExp(`of ${lanes} worker`));
      });
    }
  }

  test("modes an experiment does not list cannot be chosen, and choosing it moves to one it does", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Sleep (blocking I/O)");
    await chooseMode(page, "single worker");
    await chooseExperiment(page, "Convoy");
    assert.equal(await page.getByRole("radio", { name: "single worker", exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole("radio", { name: "processes", exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole("radio", { name: "threads + GIL", exact: true }).isChecked(), true);
  });
});

describe("the convoy", () => {
  for (const mode of ["threads + GIL", "free-threaded"]) {
    test(`draws a histogram of the I/O worker's response times in the ${mode} mode, one count per operation`, async () => {
      const { page } = playground;
      await setUp(page, CATALOGUE.find((experiment) => experiment.id === "B4"));
      await chooseMode(page, mode);
      await runToEnd(page);
      await page.getByRole("img", { name: `Histogram of I/O response times in the ${mode} mode; the table below holds the same counts.` }).waitFor();
      const counts = (await tableRows(page, `I/O response times, ${mode}`)).map(([, count]) => Number(count));
      assert.equal(counts.reduce((a, b) => a + b, 0), 50);
      await saveScreenshot(page, `convoy-${mode.replace(/\W+/g, "-")}`);
    });
  }
});

describe("while and after a run", () => {
  test("throughput is shown per worker and in all", async () => {
    const { page } = playground;
    await setUp(page, CATALOGUE.find((experiment) => experiment.id === "A2"));
    await chooseMode(page, "free-threaded");
    await runToEnd(page);
    const rows = await tableRows(page, "Throughput");
    assert.equal(rows.length, 2);
    // A worker whose thread the OS starts late may find both tasks taken (0 is then right).
    for (const [, rate] of rows) assert.match(rate, /^(0|[1-9][\d.]* [kMG])$/);
    assert.ok(rows.some(([, rate]) => rate !== "0"), `rates ${rows.map(([, rate]) => rate)}`);
    const running = (await tableRows(page, "Time per worker and state")).map((row) => Number(row[1]));
    rows.forEach(([, rate], worker) => assert.equal(rate === "0", running[worker] === 0, `worker ${worker + 1}: ${rate}, running ${running[worker]} ms`));
    const total = await page.getByRole("table", { name: "Throughput" }).locator("tfoot td").textContent();
    assert.match(total, /^[1-9][\d.]* [kMG]$/);
  });

  test("a serial share keeps the answer and makes the other workers wait idle", async () => {
    const { page } = playground;
    // A serial part of 100 ms or more: the other worker, even started late, waits for it.
    await setUp(page, { ...CATALOGUE.find((experiment) => experiment.id === "A2"), fields: { "Samples (points in all)": 200_000_000 } });
    await chooseMode(page, "free-threaded");
    await fill(page, "Serial share of the work (%, 0–90, runs alone first)", 50);
    await runToEnd(page);
    assert.match((await lastResult(page)).Result, /π ≈ 3\.1[34]/);
    const idle = (await tableRows(page, "Time per worker and state")).map((row) => Number(row[5]));
    assert.ok(idle.some((ms) => ms > 1), `idle times ${idle}`);
    await fill(page, "Serial share of the work (%, 0–90, runs alone first)", 0);
  });

  test("the free-threading overhead leaves the answer unchanged", async () => {
    const { page } = playground;
    await setUp(page, CATALOGUE.find((experiment) => experiment.id === "A1"));
    await chooseMode(page, "free-threaded");
    await page.getByLabel("Free-threading overhead per tick (free-threaded only)").selectOption("40");
    await runToEnd(page);
    assert.match((await lastResult(page)).Result, /2 counter\(s\), 0 left to count/);
    await page.getByLabel("Free-threading overhead per tick (free-threaded only)").selectOption("0");
  });
});
