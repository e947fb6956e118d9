// Issue 13 §5: the corpus's share in Chromium (see python_corpus.test.mjs) on a page without
// cross-origin isolation, where a program's threads take turns on one worker with memory of its
// own: every program prints exactly what CPython 3.11 printed, as on an isolated page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { comparableStderr, CORPUS, DEFAULT_MODE, expected, printedOn, SHARE } from "../support/corpus.mjs";
import { outputLines, runProgram } from "../support/program.mjs";

const playground = playgroundForTests({ isolated: false, serviceWorkers: "block" });

test("the page has no shared memory: programs run on one worker", async () => {
  assert.equal(await playground.page.evaluate(() => crossOriginIsolated), false);
});

for (const path of SHARE) {
  test(`${relative(CORPUS, path)} prints on one worker what CPython printed`, async () => {
    const { page, errors } = playground;
    await runProgram(page, readFileSync(path, "utf8"), DEFAULT_MODE);
    const lines = await outputLines(page);
    assert.equal(printedOn(lines, "stdout"), expected(path, ".stdout"));
    assert.deepEqual(comparableStderr(printedOn(lines, "stderr")), comparableStderr(expected(path, ".stderr")));
    assert.deepEqual(errors, []);
  });
}
