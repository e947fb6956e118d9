// Issue 15 §1: the Program panel's editor is CodeMirror with Python: typed into by keyboard, run
// with Ctrl+Enter (Cmd+Enter on a Mac), Tab indents (Escape then Tab moves on), highlighting, line numbers, bracket
// matching and undo; a failed run marks its line (a syntax error's, or the traceback's last
// frame in the program); and it follows the page's program when a link changes it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { showPart } from "../support/playground.mjs";
import { editor, outputTexts, programPanel, programSource, runProgram, waitForProgramEnd, programControls } from "../support/program.mjs";

const playground = playgroundForTests();
// The same page as a Mac's browser shows it: CodeMirror reads the platform when it loads.
const onAMac = playgroundForTests({ initScript: () => Object.defineProperty(Navigator.prototype, "platform", { get: () => "MacIntel" }) });

/** The line the editor marks as the one a failed run stopped at (its text), or null. */
const markedLine = async (page) => {
  const marked = editor(page).locator(".cm-error-line");
  return (await marked.count()) === 0 ? null : (await marked.textContent());
};

/** Empties the editor by keyboard and types `text` as a learner would. */
async function typeProgram(page, text) {
  await showPart(page, "Program");
  await editor(page).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

describe("the Program panel's editor", () => {
  test("takes typed Python and runs it with Ctrl+Enter", async () => {
    const { page, errors } = playground;
    await typeProgram(page, "for n in range(3):\nprint('line', n)");
    // The editor indents the line after the colon by itself.
    assert.equal(await programSource(page), "for n in range(3):\n    print('line', n)");
    await page.keyboard.press("Control+Enter");
    assert.match(await waitForProgramEnd(page), /^Finished in \d+ ms\.$/);
    assert.deepEqual(await outputTexts(page), ["line 0", "line 1", "line 2"]);
    assert.deepEqual(errors, []);
  });

  test("indents with Tab and Shift+Tab, and Escape then Tab moves the focus on", async () => {
    const { page } = playground;
    await typeProgram(page, "x = 1");
    await page.keyboard.press("Home");
    await page.keyboard.press("Tab");
    assert.equal(await programSource(page), "    x = 1");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await programSource(page), "x = 1");
    assert.ok(await editor(page).evaluate((element) => element === document.activeElement));
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    assert.equal(await programSource(page), "x = 1");
    assert.ok(await editor(page).evaluate((element) => element !== document.activeElement), "focus stayed in the editor");
  });

  test("colours keywords, numbers its lines, matches brackets and undoes", async () => {
    const { page } = playground;
    await typeProgram(page, "def f(a):\nreturn [a, (a + 1)]");
    const colour = (text) => editor(page).getByText(text, { exact: true }).first().evaluate((element) => getComputedStyle(element).color);
    assert.notEqual(await colour("def"), await editor(page).evaluate((element) => getComputedStyle(element).color));
    const lineNumbers = await programPanel(page).locator(".cm-lineNumbers").evaluate((gutter) =>
      [...gutter.querySelectorAll(".cm-gutterElement")].filter((number) => number.style.visibility !== "hidden").map((number) => number.textContent));
    assert.deepEqual(lineNumbers, ["1", "2"]);
    // The cursor after the closing bracket: both brackets of the pair are marked.
    await page.keyboard.press("End");
    assert.deepEqual(await editor(page).locator(".cm-matchingBracket").allTextContents(), ["[", "]"]);
    await page.keyboard.type("  # done");
    await page.keyboard.press("Control+Z");
    assert.equal(await programSource(page), "def f(a):\n    return [a, (a + 1)]");
    await saveScreenshot(page, "program-editor");
  });

  test("marks a syntax error's line, and the traceback's last frame in the program", async () => {
    const { page } = playground;
    const status = await runProgram(page, "x = 1\nif x == 1\n    print(x)\n", "CPython 3.12, with the GIL");
    assert.match(status, /^The program cannot run: SyntaxError: .* \(line 2/);
    assert.equal(await markedLine(page), "if x == 1");
    const failing = "def share(total, parts):\n    return total / parts\n\nprint(share(10, 2))\nprint(share(10, 0))\n";
    assert.match(await runProgram(page, failing, "CPython 3.12, with the GIL"), /ZeroDivisionError/);
    assert.equal(await markedLine(page), "    return total / parts");
    // An edit clears the mark: the line numbers it spoke of may have moved.
    await editor(page).click();
    await page.keyboard.type("#");
    assert.equal(await markedLine(page), null);
    assert.match(await runProgram(page, "print('fine')\n", "CPython 3.12, with the GIL"), /^Finished/);
    assert.equal(await markedLine(page), null);
  });

  test("follows the page's program when a link in the same tab changes it", async () => {
    const { page } = playground;
    const { linkToProgram } = await import("../support/program.mjs");
    const link = await linkToProgram(page, "print('from a link')\n", "one core");
    await typeProgram(page, "print('typed over')");
    await page.evaluate((fragment) => { location.hash = fragment; }, new URL(link).hash);
    await page.waitForFunction(() => document.querySelector(".cm-content")?.textContent === "print('from a link')");
    assert.ok(await programControls(page).getByRole("radio", { name: "one core" }).isChecked());
  });
});

describe("the editor on a Mac", () => {
  test("runs the program with Cmd+Enter", async () => {
    const { page, errors } = onAMac;
    await showPart(page, "Program");
    await editor(page).click();
    await page.keyboard.press("Meta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("print('run by Cmd+Enter')");
    await page.keyboard.press("Meta+Enter");
    assert.match(await waitForProgramEnd(page), /^Finished in \d+ ms\.$/);
    assert.deepEqual(await outputTexts(page), ["run by Cmd+Enter"]);
    assert.deepEqual(errors, []);
  });
});
