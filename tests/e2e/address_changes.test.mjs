// Issue 16: a learner who pastes a second share link into the same tab gets what it shares. A new
// `#…` on an open page stops the running run and reopens the form as if the page had been loaded
// with it, naming what of the link could not be used.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { chooseExperiment, fill, waitForRunEnd } from "../support/playground.mjs";

const playground = playgroundForTests();

const experiment = (page) => page.getByRole("combobox", { name: "Experiment" });

/** Waits (up to 5 s) until the Experiment picker shows `key`. */
async function experimentBecomes(page, key) {
  const deadline = Date.now() + 5_000;
  while ((await experiment(page).inputValue()) !== key) {
    assert.ok(Date.now() < deadline, `the form still shows ${await experiment(page).inputValue()}`);
    await page.waitForTimeout(50);
  }
}

describe("a new fragment in the address of an open page", () => {
  test("stops the running run and reopens the form with the new link's values", async () => {
    const { page } = playground;
    await chooseExperiment(page, "Sleep");
    await fill(page, "Milliseconds per sleep", 3000);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Running…" }).waitFor();

    await page.evaluate(() => { location.hash = "#v1&x=heavy-loop&p.iterations=5&p.parts=5&workers=3&mode=processes"; });
    await experimentBecomes(page, "heavy-loop");
    assert.equal(await page.getByLabel("Iterations (additions in all)", { exact: true }).inputValue(), "5");
    assert.equal(await page.getByLabel("Parts (one task each)", { exact: true }).inputValue(), "5");
    assert.equal(await page.getByLabel("Workers (1–100)", { exact: true }).inputValue(), "3");
    assert.equal(await page.getByRole("radio", { name: "processes", exact: true }).isChecked(), true);
    assert.match(await waitForRunEnd(page), /^Stopped/);
    assert.match(await page.getByLabel("Link to this experiment").inputValue(), /#v1&x=heavy-loop&p\.iterations=5&p\.parts=5&mode=processes&workers=3&/);
  });

  test("names what of the new link could not be used", async () => {
    const { page } = playground;
    await page.evaluate(() => { location.hash = "#v1&x=downloads&p.min_ms=900&workers=0"; });
    await experimentBecomes(page, "downloads");
    const message = await page.getByRole("alert").filter({ hasText: "Parts of the link" }).textContent();
    assert.match(message, /left at their defaults: p\.min_ms \(The shortest latency must not exceed the longest\), workers \(Workers must be between 1 and 100\)\./);
    assert.equal(await page.getByLabel("Shortest latency (ms)", { exact: true }).inputValue(), "200");
  });
});
