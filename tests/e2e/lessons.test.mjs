// Issue 15 §2 and §6: every lesson of lessons/ is listed under "Lessons", opens in the Program
// panel with its mode, runs there and prints what its "what to notice" says (the claims of its
// header, checked against the output, not fixed text); "Show as Python" on a catalogue
// experiment opens its lesson; a lesson's question is asked before the first run and the
// prediction is shown beside the run's answer.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ARTEFACTS, playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, showPart, toolbar } from "../support/playground.mjs";
import { outputLines, programControls, programPanel, programSource, startProgram, waitForProgramEnd } from "../support/program.mjs";
import { allLessons, checkedModes, MODE_LABELS, problems } from "../support/lessons.mjs";
import { FREE_SCHEDULING, GIL_SCHEDULING, raceLab } from "../support/race_lab.mjs";

const playground = playgroundForTests();
const lessons = allLessons();
const byId = (id) => lessons.find((lesson) => lesson.id === id);

const lessonsList = (page) => page.getByRole("combobox", { name: "Lessons" });
const programText = (page) => programSource(page);

/** Opens a lesson by picking it in the list. */
async function openLesson(page, lesson) {
  await showPart(page, "Program");
  await lessonsList(page).selectOption({ label: `${lesson.id} · ${lesson.title}` });
  await programPanel(page).getByRole("heading", { name: `${lesson.id} · ${lesson.title}` }).waitFor();
}

/** Presses "Run program" and waits for the end: { lines, status }. */
async function runOpenProgram(page) {
  await programControls(page).getByRole("button", { name: "Run program", exact: true }).click();
  const status = await waitForProgramEnd(page);
  return { lines: await outputLines(page), status };
}

describe("the Lessons list", () => {
  test("lists every lesson, and opening one loads its program, mode and card", async () => {
    const { page, errors } = playground;
    await showPart(page, "Program");
    const labels = (await lessonsList(page).locator("option:not([disabled])").allTextContents()).map((label) => label.trim());
    assert.deepEqual(labels, lessons.map((lesson) => `${lesson.id} · ${lesson.title}`));
    const lesson = byId("C4");
    await openLesson(page, lesson);
    assert.equal(await programText(page), lesson.program);
    assert.ok(await programControls(page).getByRole("radio", { name: MODE_LABELS[lesson.mode], exact: true }).isChecked());
    assert.match(await programPanel(page).locator(".lesson-card").textContent(), /What to notice: .*3\.12/);
    assert.deepEqual(errors, []);
  });

  test("holds a lesson for every row of the experiments' list, A1 to F6, so each runs as a program", async () => {
    const { page } = playground;
    await showPart(page, "Program");
    const ids = (await lessonsList(page).locator("option:not([disabled])").allTextContents()).map((label) => label.trim().split(" · ")[0]);
    const rows = Object.entries({ A: 7, B: 4, C: 5, D: 7, E: 6, F: 6 }).flatMap(([group, count]) => Array.from({ length: count }, (_, n) => `${group}${n + 1}`));
    assert.deepEqual(ids, rows);
  });

  test("a lesson is picked with the keyboard alone", async () => {
    const { page } = playground;
    await openLesson(page, lessons[0]);
    await lessonsList(page).focus();
    await page.keyboard.press("ArrowDown");
    const second = lessons[1];
    await programPanel(page).getByRole("heading", { name: `${second.id} · ${second.title}` }).waitFor();
    assert.equal(await programText(page), second.program);
  });

  test("Show as Python on a catalogue experiment opens the lesson that does the same", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Monte Carlo pi");
    const experiment = page.getByRole("region", { name: "Experiment", exact: true });
    await experiment.getByRole("button", { name: "Show as Python", exact: true }).click();
    const lesson = byId("A2");
    await programPanel(page).getByRole("heading", { name: `A2 · ${lesson.title}` }).waitFor();
    assert.equal(await programText(page), lesson.program);
    assert.equal(await lessonsList(page).inputValue(), "A2");
    await toolbar(page).screenshot({ path: join(ARTEFACTS, "lessons-list.png") });
  });

  test("Show as Python in the race lab opens C4 under the GIL and C1 without it", async () => {
    const { page } = playground;
    const lab = raceLab(page);
    for (const [scheduling, id] of [[GIL_SCHEDULING, "C4"], [FREE_SCHEDULING, "C1"]]) {
      await showPart(page, "Experiment");
      await lab.getByRole("radio", { name: scheduling }).check();
      await lab.getByRole("button", { name: "Show as Python", exact: true }).click();
      await programPanel(page).getByRole("heading", { name: `${id} · ${byId(id).title}` }).waitFor();
      assert.equal(await programText(page), byId(id).program);
    }
  });
});

describe("predict, then run", () => {
  test("a choice made before the first run is shown beside the run's answer", async () => {
    const { page } = playground;
    await openLesson(page, byId("C4"));
    const question = programPanel(page).getByRole("radiogroup", { name: /^Predict, then run:/ });
    await saveLessonScreenshots(page, "lesson-question");
    await question.getByRole("radio", { name: "some", exact: true }).check();
    const { status } = await runOpenProgram(page);
    assert.match(status, /^Finished/);
    const told = await programPanel(page).locator(".lesson-answer").textContent();
    assert.equal(told, "You predicted: some. The run: some. As you predicted.");
    assert.equal(await question.count(), 0, "the question is asked before the first run only");
    await saveLessonScreenshots(page, "lesson-predicted");
  });

  test("a number predicted before the first run is set beside the run's number", async () => {
    const { page } = playground;
    await openLesson(page, byId("B1"));
    await programPanel(page).getByLabel(/^Predict, then run:/).fill("2");
    await runOpenProgram(page);
    const told = await programPanel(page).locator(".lesson-answer").textContent();
    assert.match(told, /^You predicted: 2\. The run: 0\.\d\d s\. Not what you predicted\.$/);
  });
});

describe("every lesson runs in the page and shows what its notice says", () => {
  for (const lesson of lessons) {
    for (const mode of checkedModes(lesson)) {
      test(`${lesson.id} ${lesson.title} (${MODE_LABELS[mode]})`, async () => {
        const { page, errors } = playground;
        await openLesson(page, lesson);
        await startProgram(page, lesson.program, MODE_LABELS[mode]);
        const status = await waitForProgramEnd(page);
        const lines = await outputLines(page);
        const found = problems(lesson, mode, lines, status);
        assert.deepEqual(found, [], `${lesson.id} in ${mode}:\n${lines.map((line) => line.text).join("\n")}\n${status}`);
        assert.deepEqual(errors, []);
      });
    }
  }
});

/** The Program panel with a lesson, at 1280 × 800, at 390 × 844, and dark. */
async function saveLessonScreenshots(page, name) {
  await mkdir(ARTEFACTS, { recursive: true });
  const panel = programPanel(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: join(ARTEFACTS, `${name}-desktop.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: join(ARTEFACTS, `${name}-phone.png`) });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: join(ARTEFACTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}
