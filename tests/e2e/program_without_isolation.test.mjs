// Issue 13 on a page without cross-origin isolation: no shared memory, so a program's threads
// cannot each have a worker on it, and the interpreter cannot yet share one worker between
// threads: the Program panel says so instead of running.
import assert from "node:assert/strict";
import { test } from "node:test";
import { playgroundForTests } from "../support/browser.mjs";
import { programPanel } from "../support/program.mjs";

const playground = playgroundForTests({ isolated: false, serviceWorkers: "block" });

test("the Program panel says programs need shared memory, and Run program is off", async () => {
  const { page } = playground;
  const panel = programPanel(page);
  const message = await panel.getByRole("alert").textContent();
  assert.match(message, /^Python programs need shared memory, which this page does not have/);
  assert.equal(await panel.getByRole("button", { name: "Run program", exact: true }).isEnabled(), false);
  assert.equal(await panel.getByRole("textbox", { name: "Python program" }).isEditable(), true);
});
