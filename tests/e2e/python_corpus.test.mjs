// Issue 13: the interpreter's corpus runs natively in every mode (crates/python/tests/corpus.rs);
// this is its share in Chromium. Every exact and error program of tests/python/programs, run in the Program
// panel under the default mode, prints exactly what CPython 3.11 printed for it (its .stdout and
// .stderr, made by make_expected.py), but for those that recurse past the page's limit.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { comparableStderr, CORPUS, DEFAULT_MODE, expected, printedOn, SHARE } from "../support/corpus.mjs";
import { outputLines, runProgram } from "../support/program.mjs";

const playground = playgroundForTests();

for (const path of SHARE) {
  test(`${relative(CORPUS, path)} prints in the page what CPython printed`, async () => {
    const { page, errors } = playground;
    await runProgram(page, readFileSync(path, "utf8"), DEFAULT_MODE);
    const lines = await outputLines(page);
    assert.equal(printedOn(lines, "stdout"), expected(path, ".stdout"));
    assert.deepEqual(comparableStderr(printedOn(lines, "stderr")), comparableStderr(expected(path, ".stderr")));
    assert.deepEqual(errors, []);
  });
}
