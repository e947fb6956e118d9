// The interpreter's corpus as the browser tests run it (tests/python/programs): which programs
// are checked exactly in the page's default mode, and how their output is compared with what
// CPython 3.11 printed.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const CORPUS = resolve(import.meta.dirname, "../python/programs");
export const DEFAULT_MODE = "CPython 3.12, with the GIL";

/** Every `.py` under `dir`, sorted by path. */
function programsUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".py"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Whether a program's output is checked exactly in the default mode (its header says so). */
function checkedInDefaultMode(source) {
  const lines = source.split("\n");
  const modes = lines.find((line) => line.startsWith("# modes:"));
  return ["# corpus: exact", "# corpus: error"].includes(lines[0].trim()) && (!modes || modes.split(/\s+/).includes("gil312"));
}

/** What the Output log shows on `stream`, as one text. */
export const printedOn = (lines, stream) => lines.filter((line) => line.stream === stream).map((line) => `${line.text}\n`).join("");

/**
 * The lines of stderr compared, as `comparable_stderr` in crates/python/tests/corpus.rs does: of
 * a traceback every line but the frames of `<stdlib>` files (each main.py frame with its source
 * line and carets, as CPython 3.11 prints them); of a syntax
 * error its File line and last line.
 */
export function comparableStderr(stderr) {
  const lines = stderr.split("\n").filter((line, index, all) => index < all.length - 1 || line !== "");
  if (!stderr.includes("Traceback (most recent call last):") && !stderr.includes("Exception in thread ")) {
    const last = lines.findLast((line) => line.trim() !== "");
    return [lines[0], last].filter((line) => line !== undefined);
  }
  let inStdlib = false;
  return lines.filter((line) => {
    if (line.startsWith("  File ")) inStdlib = !line.startsWith('  File "main.py"');
    else if (!line.startsWith("    ")) inStdlib = false;
    return !inStdlib;
  });
}

/** A file beside `path` with another extension, or "" when there is none (no stderr expected). */
export function expected(path, extension) {
  try {
    return readFileSync(path.replace(/\.py$/, extension), "utf8");
  } catch {
    return "";
  }
}

/** Every program checked exactly in the default mode, those with processes (a worker each) too. */
export const SHARE = programsUnder(CORPUS).filter((path) => checkedInDefaultMode(readFileSync(path, "utf8")));

