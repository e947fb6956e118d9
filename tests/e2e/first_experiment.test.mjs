// The first experiment end to end, in headless Chromium against the built dist/ (issue 2).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import {
  clockJitterMs, chooseExperiment, chooseMode, fill, intervalsIn, lastResult, overlapsBetweenWorkers,
  runToEnd, tableRows, waitForRunEnd, toolbar,
} from "../support/playground.mjs";

const MODES = ["single worker", "threads + GIL", "free-threaded", "processes"];

const playground = playgroundForTests();

describe("the page", () => {
  test("is cross-origin isolated and says so, with the core count", async () => {
    const { page } = playground;
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const status = await page.getByRole("region", { name: "This machine" }).textContent();
    assert.match(status, new RegExp(`${cores} cores?`));
    assert.match(status, /Engine: shared memory\. This page is cross-origin isolated/);
  });

  test("rehearses a run's drawing out of sight and out of the accessibility tree, then removes it", async () => {
    const page = await playground.context.newPage();
    // Notes every canvas the page adds: whether it was anywhere on the page (a reader could scroll
    // to it), and whether screen readers and the keyboard could reach it.
    await page.addInitScript(() => {
      window.canvasesSeen = [];
      new MutationObserver(() => {
        for (const canvas of document.querySelectorAll("canvas:not([data-seen])")) {
          canvas.dataset.seen = "";
          const box = canvas.getBoundingClientRect();
          window.canvasesSeen.push({
            onThePage: box.right > 0 && box.bottom > 0,
            hidden: canvas.closest("[aria-hidden=true][inert]") !== null,
          });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(playground.url);
    await page.waitForFunction(() => window.canvasesSeen.length > 0 && document.querySelectorAll("canvas").length === 0);
    assert.deepEqual(await page.evaluate(() => window.canvasesSeen), [{ onThePage: false, hidden: true }]);
    assert.equal(await page.getByText("Press Run to see one lane per worker").isVisible(), true);
    await page.close();
  });
});

describe("Monte Carlo pi with 2 workers", () => {
  for (const mode of MODES) {
    test(`estimates pi within 0.01 in the ${mode} mode, on one lane per worker`, async () => {
      const { page } = playground;
      await chooseExperiment(page, "Monte Carlo pi");
      await fill(page, "Samples (points in all)", 20_000_000);
      await fill(page, "Workers (1–100)", 2);
      await chooseMode(page, mode);
      const rowsBefore = (await tableRows(page, "Results")).length;
      const finished = await runToEnd(page);
      // A frame may arrive before the render that ends the polling loop: still one row per run.
      await page.waitForTimeout(200);
      assert.equal((await tableRows(page, "Results")).length, rowsBefore + 1);
      assert.match(finished, /^Finished/);
      if (mode === "processes") assert.match(finished, /Serialised messages: [1-9]\d* bytes to the workers, [1-9]\d* bytes back/);
      const row = await lastResult(page);
      assert.equal(row.Mode, mode);
      const estimate = Number(row.Result.match(/π ≈ ([\d.]+)/)[1]);
      assert.ok(Math.abs(estimate - Math.PI) < 0.01, `estimate ${estimate}`);
      const lanes = mode === "single worker" ? 1 : 2;
      assert.equal((await tableRows(page, "Time per worker and state")).length, lanes);
      assert.match(await page.getByRole("img", { name: /^Timeline of/ }).getAttribute("aria-label"), new RegExp(`of ${lanes} worker`));
    });
  }

  // Long enough that a worker the OS starts late still finds its task: 100 ms or more each.
  const SAMPLES_TO_SHARE = 200_000_000;

  test("free-threaded workers run at the same time", async () => {
    const { page } = playground;
    await fill(page, "Samples (points in all)", SAMPLES_TO_SHARE);
    await chooseMode(page, "free-threaded");
    await runToEnd(page);
    const overlaps = overlapsBetweenWorkers(await intervalsIn(page, "running"));
    assert.ok(overlaps.some((ms) => ms > 1), `overlaps: ${overlaps}`);
  });

  test("under the GIL no two workers ever run at the same time, and the GIL changes hands", async () => {
    const { page } = playground;
    await fill(page, "Samples (points in all)", SAMPLES_TO_SHARE);
    await chooseMode(page, "threads + GIL");
    await runToEnd(page);
    const running = await intervalsIn(page, "running");
    assert.equal(running.size, 2, "both workers ran");
    const jitterMs = await clockJitterMs(page);
    const overlaps = overlapsBetweenWorkers(running).filter((ms) => ms > jitterMs);
    assert.deepEqual(overlaps, []);
    assert.ok(Number((await lastResult(page))["GIL hand-offs"]) >= 1);
    await saveScreenshot(page, "gil-run");
  });
});

describe("the other experiments", () => {
  const cases = [
    ["Countdown", [["Count (decrements in all)", 50_000_000]], /2 counter\(s\), 0 left to count/],
    ["Sum of primes", [["Limits (one task each, separated by commas)", "10000, 20000, 30000"]], /below 10000: 5736396; below 20000: 21171191; below 30000: 45675864/],
    ["Sleep (blocking I/O)", [["Sleeps (tasks)", 4], ["Milliseconds per sleep", 50]], /4 sleep\(s\) of 50 ms completed/],
  ];
  for (const [experiment, fields, expected] of cases) {
    test(`${experiment} gives its exact result under the GIL`, async () => {
      const { page } = playground;
      await chooseExperiment(page, experiment);
      for (const [label, value] of fields) await fill(page, label, value);
      await chooseMode(page, "threads + GIL");
      await runToEnd(page);
      assert.match((await lastResult(page)).Result, expected);
    });
  }

  test("sleeps overlap under the GIL, because blocking I/O releases it", async () => {
    const { page } = playground;
    const blocked = await intervalsIn(page, "in I/O");
    assert.ok(overlapsBetweenWorkers(blocked).some((ms) => ms > 10));
  });
});

describe("Stop", () => {
  test("ends a run midway, and the next run works", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Monte Carlo pi");
    await fill(page, "Samples (points in all)", 1_000_000_000);
    await chooseMode(page, "threads + GIL");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("progressbar").waitFor();
    await page.waitForTimeout(300);
    await toolbar(page).getByRole("button", { name: "Stop", exact: true }).click();
    assert.match(await waitForRunEnd(page), /^Stopped/);
    await fill(page, "Samples (points in all)", 2_000_000);
    assert.match(await runToEnd(page), /^Finished/);
  });

  test("ends a processes run midway, and the next run works", async () => {
    const { page } = playground;
    await fill(page, "Samples (points in all)", 1_000_000_000);
    await chooseMode(page, "processes");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForTimeout(300);
    await toolbar(page).getByRole("button", { name: "Stop", exact: true }).click();
    assert.match(await waitForRunEnd(page), /^Stopped/);
    await fill(page, "Samples (points in all)", 2_000_000);
    assert.match(await runToEnd(page), /^Finished/);
  });
});

describe("bad input", () => {
  const refusals = [
    ["Workers (1–100)", 0, /Workers must be between 1 and 100/],
    ["Workers (1–100)", 101, /Workers must be between 1 and 100/],
    ["Workers (1–100)", -3, /Workers must be between 1 and 100/],
    ["Samples (points in all)", "99999999999999", /the limit is 120 s/],
    ["Samples (points in all)", "lots", /Samples must be a whole number/],
    ["GIL switch interval (ms, threads + GIL only)", 0, /switch interval must be between 0.1 and 100 ms/],
  ];
  for (const [label, value, message] of refusals) {
    test(`${label} = ${value} is refused with the limit named, and fixing it allows Run`, async () => {
      const { page } = playground;
      await chooseExperiment(page, "Monte Carlo pi");
      const before = await page.getByLabel(label, { exact: true }).inputValue();
      await fill(page, label, value);
      const problems = page.getByRole("alert", { name: "What to fix before running" });
      assert.match(await problems.textContent(), message);
      assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), false);
      await fill(page, label, before);
      assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), true);
    });
  }

  for (const mode of ["threads + GIL", "free-threaded", "processes"]) {
    test(`a worker that fails in the ${mode} mode ends the run with its message, and the page stays usable`, async () => {
      const { page } = playground;
      await fill(page, "Samples (points in all)", 1_000_000_000);
      await fill(page, "Workers (1–100)", 2);
      await chooseMode(page, mode);
      await page.getByRole("checkbox", { name: /Make the last worker fail/ }).check();
      assert.match(await runToEnd(page), /worker failed: .*failed on purpose/);
      assert.equal(await page.getByRole("alert").filter({ hasText: "failed on purpose" }).count(), 1);
      await page.getByRole("checkbox", { name: /Make the last worker fail/ }).uncheck();
      await fill(page, "Samples (points in all)", 2_000_000);
      assert.match(await runToEnd(page), /^Finished/);
    });
  }
});

describe("layout", () => {
  test("fits a phone screen, in dark mode, without sideways scrolling", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
    await saveScreenshot(page, "phone-dark");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("no page errors were logged during the runs", () => {
    assert.deepEqual(playground.errors, []);
  });
});
