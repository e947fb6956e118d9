// Share links (issue 4): the link field and Copy link reopen the same experiment in a fresh
// page; a hostile or broken fragment opens the defaults with a message, injects nothing, and
// leaves the page usable. Issue 12: fields whose limits depend on each other reopen exactly, and
// a field dropped for a limit of the whole form is named with that limit.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPlayground, playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { chooseExperiment, chooseMode, fill, lastResult, runToEnd, tableRows } from "../support/playground.mjs";

const playground = playgroundForTests();

const linkField = (page) => page.getByLabel("Link to this experiment");

describe("a share link", () => {
  test("opened in a fresh page reopens the same experiment, parameters, mode and GIL settings", async () => {
    const { page, context } = playground;
    await chooseExperiment(page, "Downloads with a thread pool");
    await fill(page, "Downloads (one task each)", 7);
    await fill(page, "Longest latency (ms)", 333);
    await fill(page, "Workers (1–100)", 4);
    await chooseMode(page, "threads + GIL");
    await fill(page, "GIL switch interval (ms, threads + GIL only)", 2.5);
    const link = await linkField(page).inputValue();
    assert.match(link, /#v1&x=downloads&/);
    assert.ok(link.length < 1500, `${link.length} characters`);
    assert.equal(await page.evaluate(() => location.hash), `#${link.split("#")[1]}`);

    const fresh = await context.newPage();
    await fresh.goto(link);
    await fresh.getByRole("button", { name: "Run", exact: true }).waitFor();
    assert.equal(await fresh.getByRole("combobox", { name: "Experiment" }).inputValue(), "downloads");
    assert.equal(await fresh.getByLabel("Downloads (one task each)").inputValue(), "7");
    assert.equal(await fresh.getByLabel("Longest latency (ms)").inputValue(), "333");
    assert.equal(await fresh.getByLabel("Workers (1–100)").inputValue(), "4");
    assert.equal(await fresh.getByLabel("GIL switch interval (ms, threads + GIL only)").inputValue(), "2.5");
    assert.equal(await fresh.getByRole("radio", { name: "threads + GIL", exact: true }).isChecked(), true);
    assert.equal(await fresh.getByRole("alert").count(), 0);
    await fresh.close();
  });

  test("keeps which panels are shown: a fresh page hides the same ones and runs without them", async () => {
    const { page, context } = playground;
    await chooseExperiment(page, "Monte Carlo pi");
    await fill(page, "Samples (points in all)", 2_000_000);
    const panels = page.getByRole("group", { name: "Panels shown" });
    for (const name of ["Throughput table", "Speed-up study", "Results table"]) await panels.getByRole("checkbox", { name }).uncheck();
    await fill(page, "Workers (1–100)", 2);
    const link = await linkField(page).inputValue();
    assert.match(link, /&show=timeline,compare,races(&|$)/);

    const fresh = await context.newPage();
    try {
      await fresh.goto(link);
      const freshPanels = fresh.getByRole("group", { name: "Panels shown" });
      for (const [name, checked] of [["Timeline", true], ["Throughput table", false], ["Compare all modes", true], ["Speed-up study", false], ["Results table", false]]) {
        assert.equal(await freshPanels.getByRole("checkbox", { name }).isChecked(), checked, name);
      }
      assert.equal(await fresh.getByRole("button", { name: "Speed-up study" }).count(), 0);
      assert.equal(await fresh.getByRole("button", { name: "Compare all modes" }).count(), 1);
      await fresh.getByRole("button", { name: "Run", exact: true }).click();
      await fresh.getByRole("status").filter({ hasText: /^Finished/ }).waitFor({ timeout: 60_000 });
      assert.equal(await fresh.getByRole("table", { name: "Time per worker and state", exact: true }).count(), 1);
      assert.equal(await fresh.getByRole("table", { name: "Throughput" }).count(), 0);
      assert.equal(await fresh.getByRole("table", { name: "Results" }).count(), 0);

      await freshPanels.getByRole("checkbox", { name: "Timeline" }).uncheck();
      assert.equal(await fresh.getByRole("heading", { name: "Run", exact: true }).count(), 1);
      assert.equal(await fresh.getByRole("img", { name: /^Timeline of/ }).count(), 0);
      await freshPanels.getByRole("checkbox", { name: "Results table" }).check();
      assert.equal((await tableRows(fresh, "Results")).length, 1, "the run filed while the table was hidden");
      await saveScreenshot(fresh, "panels-hidden");
    } finally {
      await fresh.close();
    }
    for (const name of ["Throughput table", "Speed-up study", "Results table"]) await panels.getByRole("checkbox", { name }).check();
  });

  test("can carry the last run: a fresh page shows its timeline and answer as recorded until it runs", async () => {
    const { page, context } = playground;
    await chooseExperiment(page, "Monte Carlo pi");
    await fill(page, "Samples (points in all)", 3_000_000);
    await fill(page, "Workers (1–100)", 2);
    await chooseMode(page, "threads + GIL");
    const include = page.getByRole("checkbox", { name: /^Include the last run's results/ });
    assert.match(await runToEnd(page), /^Finished: π ≈ 3\.1/);
    const answer = (await lastResult(page)).Result;
    await include.check();
    const link = await linkField(page).inputValue();
    assert.match(link, /&rec=\d+\.\d+\.S[0-9a-z]+/);

    const fresh = await context.newPage();
    try {
      await fresh.goto(link);
      const recorded = fresh.getByRole("status").filter({ hasText: /^Recorded on a \d+-core machine, not run here yet/ });
      assert.match(await recorded.textContent(), new RegExp(`not run here yet: ${answer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, in \\d+ ms\\.`));
      assert.equal(await fresh.getByRole("img", { name: /^Timeline of 2 worker\(s\) in the threads \+ GIL mode/ }).count(), 1);
      assert.equal((await tableRows(fresh, "Time per worker and state")).length, 2);
      assert.equal(await fresh.getByRole("alert").count(), 0);
      await saveScreenshot(fresh, "recorded-run");
      assert.match(await runToEnd(fresh), /^Finished/);
      assert.equal(await recorded.count(), 0);
    } finally {
      await fresh.close();
    }
    await fill(page, "Workers (1–100)", 3);
    assert.equal(await include.count(), 0, "a form that no longer describes the last run offers no results to include");
  });

  test("Copy link puts the same link on the clipboard", async () => {
    const { page, context } = playground;
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Link copied.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await linkField(page).inputValue());
  });
});

describe("a hostile link", () => {
  test("opens the defaults for what it broke, says what was ignored, injects nothing, and the page still runs", async () => {
    const hostile = "#v1&x=primes&p.limits=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&workers=3&mode=processes&evil=%3Cscript%3E";
    const { page, errors, close } = await openPlayground({ fragment: hostile });
    try {
      let dialogs = 0;
      page.on("dialog", async (dialog) => { dialogs++; await dialog.dismiss(); });
      const message = await page.getByRole("alert").filter({ hasText: "Parts of the link" }).textContent();
      assert.match(message, /left at their defaults: p\.limits \(not whole numbers separated by commas\), evil \(not a field of the playground's links\)\./);
      assert.equal(await page.getByLabel("Limits (one task each, separated by commas)").inputValue(), "1000000, 2000000, 3000000");
      assert.equal(await page.getByLabel("Workers (1–100)").inputValue(), "3");
      assert.equal(await page.locator("img[src=x], main script").count(), 0);
      await saveScreenshot(page, "hostile-link");
      await fill(page, "Limits (one task each, separated by commas)", "1000, 2000");
      assert.match(await runToEnd(page), /^Finished/);
      assert.equal((await lastResult(page)).Mode, "processes");
      assert.equal(dialogs, 0);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("of an unknown version opens the defaults and says so", async () => {
    const { page, close } = await openPlayground({ fragment: "#v7&x=convoy" });
    try {
      assert.match(await page.getByRole("alert").first().textContent(), /the whole link \(made by a newer version of the playground\)/);
      assert.equal(await page.getByRole("combobox", { name: "Experiment" }).inputValue(), "pi");
    } finally {
      await close();
    }
  });
});

describe("a link whose fields limit each other", () => {
  const LINKS = {
    "#v1&x=heavy-loop&p.iterations=5&p.parts=5": { "Iterations (additions in all)": "5", "Parts (one task each)": "5" },
    "#v1&x=downloads&p.min_ms=900&p.max_ms=1000": { "Shortest latency (ms)": "900", "Longest latency (ms)": "1000" },
    "#v1&x=factorial&p.n=100000&p.times=1": { "n (whose factorial)": "100000", "Times (one task each)": "1" },
  };
  for (const [fragment, values] of Object.entries(LINKS)) {
    test(`${fragment} reopens with exactly its values`, async () => {
      const { context, url } = playground;
      const fresh = await context.newPage();
      try {
        await fresh.goto(url + fragment);
        await fresh.getByRole("button", { name: "Run", exact: true }).waitFor();
        for (const [label, value] of Object.entries(values)) {
          assert.equal(await fresh.getByLabel(label, { exact: true }).inputValue(), value, label);
        }
        assert.equal(await fresh.getByRole("alert").count(), 0);
      } finally {
        await fresh.close();
      }
    });
  }

  test("that breaks a limit of the whole form reopens without the field at fault, naming it and the limit", async () => {
    const { context, url } = playground;
    const fresh = await context.newPage();
    try {
      await fresh.goto(`${url}#v1&x=heavy-loop&p.iterations=5&p.parts=50`);
      const message = await fresh.getByRole("alert").filter({ hasText: "Parts of the link" }).textContent();
      assert.match(message, /left at their defaults: p\.iterations \(Use at least one iteration per part\)\.$/);
      assert.equal(await fresh.getByLabel("Parts (one task each)", { exact: true }).inputValue(), "50");
      assert.equal(await fresh.getByLabel("Iterations (additions in all)", { exact: true }).inputValue(), "400000000");
    } finally {
      await fresh.close();
    }
  });
});
