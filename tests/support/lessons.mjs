// The lessons of lessons/*.py as the page lists them, read from the same headers as
// crates/lessons reads (see lessons/README.md), and the claims a run's output must bear out.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const FOLDER = resolve(import.meta.dirname, "../../lessons");

/** The Program panel's label of each mode a header names. */
export const MODE_LABELS = {
  gil312: "CPython 3.12, with the GIL",
  gil39: "CPython 3.9 and earlier",
  free: "free-threaded (3.13t / 3.14t)",
  onecore: "one core",
};

const COMPARISONS = { "<": (a, b) => a < b, "<=": (a, b) => a <= b, "==": (a, b) => a === b, ">=": (a, b) => a >= b, ">": (a, b) => a > b };

/** Every lesson: { file, id, title, mode, program, checks, prints, absent, ends, question }. */
export function allLessons() {
  return readdirSync(FOLDER).filter((name) => name.endsWith(".py")).sort().map((file) => parseLesson(file, readFileSync(resolve(FOLDER, file), "utf8")));
}

function parseLesson(file, text) {
  const lesson = { file, checks: [], prints: [], absent: [], ends: "finished", question: null };
  const lines = text.split("\n");
  let at = 0;
  for (; at < lines.length && lines[at].startsWith("# ") && lines[at].includes(": "); at += 1) {
    const line = lines[at].slice(2);
    const split = line.indexOf(": ");
    const [key, value] = [line.slice(0, split), line.slice(split + 2).trim()];
    if (key === "lesson") lesson.id = value;
    else if (key === "title") lesson.title = value;
    else if (key === "mode") lesson.mode = value;
    else if (key === "prints") lesson.prints.push(value);
    else if (key === "absent") lesson.absent.push(value);
    else if (key === "ends") lesson.ends = value;
    else if (key === "question") lesson.question = { ...lesson.question, text: value };
    else if (key === "choices") lesson.question = { ...lesson.question, choices: value.split(" | ") };
    else if (key === "answer") lesson.question = { ...lesson.question, answer: value };
    else if (key === "check" || key === "timing" || key.startsWith("check ")) lesson.checks.push(parseCheck(value, key));
  }
  lesson.program = lines.slice(at).join("\n").replace(/^\n+/, "");
  return lesson;
}

function parseCheck(text, key) {
  const words = text.split(" ");
  return {
    label: words.slice(0, -2).join(" "),
    comparison: words.at(-2),
    value: Number(words.at(-1)),
    mode: key.startsWith("check ") ? key.slice(6) : null,
    timing: key === "timing",
  };
}

/** The modes a lesson makes claims about, its own first. */
export function checkedModes(lesson) {
  return [...new Set([lesson.mode, ...lesson.checks.map((check) => check.mode).filter(Boolean)])];
}

/** What follows `label: ` in a line where the label starts it or follows another label's `: `. */
function afterLabel(line, label) {
  const marker = `${label}: `;
  for (let at = line.indexOf(marker); at >= 0; at = line.indexOf(marker, at + 1)) {
    if (at === 0 || line.slice(0, at).endsWith(": ")) return line.slice(at + marker.length);
  }
  return null;
}

/**
 * What is wrong with a run of `lesson` in `mode` that printed `lines` ({ text, stream }) and
 * ended with `status`: an empty list when its output shows what the lesson claims. Timing
 * claims are weighed only with LESSON_TIMINGS=1 (else the line must just be there).
 */
export function problems(lesson, mode, lines, status) {
  const stdout = lines.filter((line) => line.stream === "stdout").map((line) => line.text);
  const everything = [...lines.map((line) => line.text), status].join("\n");
  const found = [];
  const endedWell = lesson.ends === "deadlock" ? /deadlock/.test(status) : /^Finished/.test(status);
  if (!endedWell) found.push(`ended with "${status}"`);
  for (const text of lesson.prints) if (!everything.includes(text)) found.push(`does not print "${text}"`);
  for (const text of lesson.absent) if (everything.includes(text)) found.push(`prints "${text}"`);
  const own = lesson.checks.filter((check) => check.mode === mode);
  const checks = own.length > 0 ? own : lesson.checks.filter((check) => check.mode === null && mode === lesson.mode);
  for (const check of checks) {
    const values = stdout.map((line) => afterLabel(line, check.label)).filter((after) => after !== null).map((after) => after.trim().split(/\s+/)[0]);
    if (values.length === 0) found.push(`no line says "${check.label}: …"`);
    for (const value of values) {
      const number = Number(value);
      if (Number.isNaN(number)) found.push(`"${check.label}: ${value}" is not a number`);
      else if ((!check.timing || process.env.LESSON_TIMINGS === "1") && !COMPARISONS[check.comparison](number, check.value)) {
        found.push(`"${check.label}: ${value}", but the lesson claims ${check.comparison} ${check.value}`);
      }
    }
  }
  return found;
}
