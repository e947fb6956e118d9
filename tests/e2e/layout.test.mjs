// Issue 15 §3: the page is laid out as a playground. A toolbar stays at the top with tabs for the
// part shown (the Experiment or the Program) and that part's own controls: its picker, mode,
// workers (experiments), Run, Stop and Share, each the page's only control of its name, the
// part's controls on one row at 1280 px. Below, at desktop widths, the settings sit on one side
// and what a run shows on the other (the experiment's form beside its timeline, the program's
// editor beside its output and lanes), stacked on a phone; 16 workers' lanes fit without scrolling; the results table scrolls inside
// its panel, never past the page. Screenshots at 1280 × 800 and 390 × 844, light and dark.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { runToEnd, showPart, toolbar } from "../support/playground.mjs";
import { editor, programPanel } from "../support/program.mjs";

const playground = playgroundForTests({ fragment: "#v1&x=pi&p.samples=400000&workers=16" });

const region = (page, name) => page.getByRole("region", { name, exact: true });
const box = (locator) => locator.boundingBox();
const tab = (page, name) => toolbar(page).getByRole("tab", { name, exact: true });

/** Whether `a` sits beside `b` (to its left, their tops level within a few rows). */
const beside = (a, b) => a.x + a.width <= b.x && Math.abs(a.y - b.y) < 120;
/** Whether `a` and `b` share a row: each reaches into the other's height. */
const sameRow = (a, b) => a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether `a` sits above `b`, in one column. */
const above = (a, b) => a.y + a.height <= b.y && Math.abs(a.x - b.x) < 40;

/** Each part's controls in the toolbar, by role and name. */
const CONTROLS = {
  Experiment: [["combobox", "Experiment"], ["spinbutton", "Workers (1–100)"], ["group", "Mode"], ["button", "Run"], ["button", "Stop"], ["button", "Share"]],
  Program: [["combobox", "Lessons"], ["radiogroup", "Python mode"], ["button", "Run program"], ["button", "Stop"], ["button", "Share"]],
};

/** The names of the part's controls found anywhere on the page, and how often. */
async function countsOnPage(page, part) {
  return Promise.all(CONTROLS[part].map(async ([role, name]) => `${role} ${name}: ${await page.getByRole(role, { name, exact: true }).count()}`));
}

describe("the playground's layout", () => {
  test("the toolbar holds the shown part's picker, mode, workers, Run, Stop and Share, once each", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const part of ["Experiment", "Program"]) {
      await showPart(page, part);
      assert.equal(await tab(page, part).getAttribute("aria-selected"), "true");
      for (const [role, name] of CONTROLS[part]) {
        assert.equal(await toolbar(page).getByRole(role, { name, exact: true }).count(), 1, `${part}: ${role} "${name}" in the toolbar`);
      }
      assert.deepEqual(await countsOnPage(page, part), CONTROLS[part].map(([role, name]) => `${role} ${name}: 1`), "each control is the page's only one");
      const shown = page.getByRole("tabpanel", { name: part, exact: true });
      assert.equal(await shown.count(), 1);
      assert.equal(await region(page, part === "Experiment" ? "Program" : "Experiment").count(), 0, "one part at a time");
    }
    assert.equal(await toolbar(page).getByRole("spinbutton", { name: "Workers (1–100)" }).count(), 0, "a program has no workers field");
  });

  test("at 1280 × 800 each part's toolbar is one row: its picker, mode, Run and Stop side by side", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => scrollTo(0, 0));
    for (const part of ["Experiment", "Program"]) {
      await showPart(page, part);
      // Share is on the tabs' row; the rest, from the picker on, on the row below.
      const controls = CONTROLS[part].filter(([, name]) => name !== "Share");
      const picker = controls[0][1];
      const [first, ...rest] = await Promise.all(controls.map(([role, name]) => box(toolbar(page).getByRole(role, { name, exact: true }))));
      rest.forEach((other, at) => {
        const [role, name] = controls[at + 1];
        assert.ok(sameRow(first, other) && other.x > first.x, `${part}: ${role} "${name}" (${JSON.stringify(other)}) is not on the row of "${picker}" (${JSON.stringify(first)})`);
      });
    }
  });

  test("the tabs are one tab stop, and arrow keys switch parts", async () => {
    const { page } = playground;
    await showPart(page, "Experiment");
    await tab(page, "Experiment").focus();
    await page.keyboard.press("ArrowRight");
    await page.locator("[role=tab][aria-selected=true]", { hasText: "Program" }).waitFor();
    assert.equal(await tab(page, "Program").evaluate((element) => element === document.activeElement), true);
    await region(page, "Program").waitFor();
    // Tab leaves the tablist for Share, on the tabs' row, then for the part's first control.
    await page.keyboard.press("Tab");
    assert.equal(await toolbar(page).getByRole("button", { name: "Share" }).evaluate((element) => element === document.activeElement), true);
    await page.keyboard.press("Tab");
    assert.equal(await page.getByRole("combobox", { name: "Lessons" }).evaluate((element) => element === document.activeElement), true);
    await tab(page, "Program").focus();
    await page.keyboard.press("Home");
    await page.locator("[role=tab][aria-selected=true]", { hasText: "Experiment" }).waitFor();
    await region(page, "Experiment").waitFor();
  });

  test("Share focuses the shown part's link", async () => {
    const { page } = playground;
    for (const [part, field] of [["Experiment", "Link to this experiment"], ["Program", "Link to this program"]]) {
      await showPart(page, part);
      await toolbar(page).getByRole("button", { name: "Share", exact: true }).click();
      assert.ok(await page.getByLabel(field).evaluate((element) => element === document.activeElement), field);
    }
  });

  test("at 1280 × 800 the settings sit beside what a run shows; 16 lanes fit unscrolled; the toolbar stays", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 1280, height: 800 });
    await runToEnd(page);
    assert.ok(beside(await box(region(page, "Experiment")), await box(region(page, "Timeline"))));
    const timeline = page.getByRole("img", { name: /^Timeline/ }).first();
    const lanes = await timeline.evaluate((canvas) => ({ height: canvas.clientHeight, scrolls: canvas.parentElement.scrollHeight > canvas.parentElement.clientHeight + 1 }));
    assert.ok(lanes.height >= 16 * 16, `timeline ${lanes.height} px tall for 16 lanes`);
    assert.equal(lanes.scrolls, false);
    await region(page, "Results").scrollIntoViewIfNeeded();
    assert.ok((await box(toolbar(page))).y >= -1, "the toolbar scrolled away");
    await page.evaluate(() => scrollTo(0, 0));
    for (const part of ["Experiment", "Program"]) {
      await showPart(page, part);
      if (part === "Program") assert.ok(beside(await box(editor(page)), await box(programPanel(page).getByRole("log", { name: "Output" }))));
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => scrollTo(0, 0));
        await saveScreenshot(page, `layout-1280-${part.toLowerCase()}-${scheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("the results table scrolls inside its panel, never past the page", async () => {
    const { page } = playground;
    await showPart(page, "Experiment");
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

  test("at 390 × 844 the parts stack in one column, under the toolbar", async () => {
    const { page } = playground;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const part of ["Experiment", "Program"]) {
      await showPart(page, part);
      if (part === "Experiment") assert.ok(above(await box(region(page, "Experiment")), await box(region(page, "Timeline"))));
      else assert.ok(above(await box(editor(page)), await box(programPanel(page).getByRole("log", { name: "Output" }))));
      assert.ok(above(await box(toolbar(page)), await box(page.getByRole("tabpanel", { name: part, exact: true }))));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `${part} scrolls sideways`);
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => scrollTo(0, 0));
        await saveScreenshot(page, `layout-390-${part.toLowerCase()}-${scheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
