// Issue 15 §3: the page is laid out as a playground. A toolbar stays at the top and goes to each
// part; at desktop widths the settings sit on one side and what a run shows on the other (the
// experiment's form beside its timeline, the program's editor beside its output and lanes),
// stacked on a phone; 16 workers' lanes fit without scrolling; the results table scrolls inside
// its panel, never past the page. Screenshots at 1280 × 800 and 390 × 844, light and dark.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { runToEnd } from "../support/playground.mjs";
import { editor, programPanel } from "../support/program.mjs";

const playground = playgroundForTests({ fragment: "#v1&x=pi&p.samples=400000&workers=16" });

const region = (page, name) => page.getByRole("region", { name, exact: true });
const box = (locator) => locator.boundingBox();

/** Whether `a` sits beside `b` (to its left, their tops level within a few rows). */
const beside = (a, b) => a.x + a.width <= b.x && Math.abs(a.y - b.y) < 120;
/** Whether `a` sits above `b`, in one column. */
const above = (a, b) => a.y + a.height <= b.y && Math.abs(a.x - b.x) < 40;

describe("the playground's layout", () => {
  test("a toolbar stays at the top and brings each part into view", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 1280, height: 800 });
    const toolbar = page.getByRole("navigation", { name: "Toolbar" });
    for (const [name, heading] of [["Program", "Program"], ["Results", "Results"], ["Experiment", "Experiment"]]) {
      await toolbar.getByRole("button", { name, exact: true }).click();
      await page.waitForFunction((text) => {
        const found = [...document.querySelectorAll("h2")].find((h2) => h2.textContent === text);
        const { top, bottom } = found.getBoundingClientRect();
        return top >= 40 && bottom <= innerHeight;
      }, heading);
      assert.ok((await box(toolbar)).y >= -1, "the toolbar scrolled away");
    }
    await toolbar.getByRole("button", { name: "Share", exact: true }).click();
    assert.ok(await page.getByLabel("Link to this experiment").evaluate((field) => field === document.activeElement));
  });

  test("at 1280 × 800 the settings sit beside what a run shows; 16 lanes fit unscrolled", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 1280, height: 800 });
    await runToEnd(page);
    assert.ok(beside(await box(region(page, "Experiment")), await box(region(page, "Timeline"))));
    assert.ok(beside(await box(editor(page)), await box(programPanel(page).getByRole("log", { name: "Output" }))));
    const timeline = page.getByRole("img", { name: /^Timeline/ }).first();
    const lanes = await timeline.evaluate((canvas) => ({ height: canvas.clientHeight, scrolls: canvas.parentElement.scrollHeight > canvas.parentElement.clientHeight + 1 }));
    assert.ok(lanes.height >= 16 * 16, `timeline ${lanes.height} px tall for 16 lanes`);
    assert.equal(lanes.scrolls, false);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => scrollTo(0, 0));
      await saveScreenshot(page, `layout-1280-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("the results table scrolls inside its panel, never past the page", async () => {
    const { page } = playground;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      const results = region(page, "Results");
      const table = results.getByRole("table", { name: "Results" });
      const panel = await box(results);
      assert.ok(panel.x >= 0 && panel.x + panel.width <= width, `the Results panel overflows at ${width} px`);
      const scroller = await table.evaluate((element) => {
        const parent = element.parentElement;
        return { overflow: getComputedStyle(parent).overflowX, wider: parent.scrollWidth > parent.clientWidth, widths: [parent.scrollWidth, parent.clientWidth, ...[...element.querySelectorAll("thead th")].map((th) => th.offsetWidth)] };
      });
      assert.equal(scroller.overflow, "auto");
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `the page scrolls sideways at ${width} px`);
      if (width === 1280) assert.equal(scroller.wider, false, `a usual row does not fit 1280 px: ${scroller.widths}`);
    }
  });

  test("at 390 × 844 the parts stack in one column", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(above(await box(region(page, "Experiment")), await box(region(page, "Timeline"))));
    assert.ok(above(await box(editor(page)), await box(programPanel(page).getByRole("log", { name: "Output" }))));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => scrollTo(0, 0));
      await saveScreenshot(page, `layout-390-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
