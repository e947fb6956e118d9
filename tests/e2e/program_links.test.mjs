// Issue 15 §4 and §5: links and widgets that carry a program. "Link to this program" opens the
// playground with the program, its mode and the switch interval it starts with in the Program
// panel, in view; a program of 8 KB comes back exactly and a longer one is refused with a
// message; old links open as before. The program's widget (embed.html) in a course page served
// without isolation headers shows the program read-only (editable when the link says so), runs
// it and shows its output and timeline.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST, playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { serveStatic } from "../support/static-server.mjs";
import { editor, fillProgram, linkToProgram, programPanel, programSource, programControls } from "../support/program.mjs";

const playground = playgroundForTests();

const THREADS = `import threading

def count(name):
    print(name, sum(range(1000)))

workers = [threading.Thread(target=count, args=(f"w{n}",)) for n in range(2)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print("done")
`;

/** `bytes` of printable text, every line different (deflate cannot shrink it much), seeded. */
function noisyProgram(bytes, seed) {
  let state = seed;
  let text = "";
  while (text.length < bytes) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += state % 17 === 0 ? "\n" : String.fromCharCode(32 + (state % 95));
  }
  return text;
}

/** A new tab at `address`; resolves once its page shows its parts' tabs. */
async function openInNewTab(address) {
  const page = await playground.context.newPage();
  await page.goto(address);
  await page.getByRole("tablist").waitFor();
  return page;
}

describe("a link to a program", () => {
  test("opens the playground with the program, its mode and the Program panel in view", async () => {
    const link = await linkToProgram(playground.page, THREADS, "free-threaded (3.13t / 3.14t)");
    assert.match(link, /#v1&py=free&code=[A-Za-z0-9_-]+$/);
    const page = await openInNewTab(link);
    try {
      assert.equal(await programSource(page), THREADS.replace(/\n$/, "\n"));
      assert.ok(await programControls(page).getByRole("radio", { name: "free-threaded (3.13t / 3.14t)" }).isChecked());
      await page.waitForFunction(() => {
        const box = document.getElementById("program-heading").getBoundingClientRect();
        return box.top > -2 && box.top < innerHeight;
      });
    } finally {
      await page.close();
    }
  });

  test("carries the switch interval the program starts with, when it is not CPython's 5 ms", async () => {
    const field = (page) => programPanel(page).getByRole("spinbutton", { name: "Switch interval (ms)", exact: true });
    assert.doesNotMatch(await linkToProgram(playground.page, THREADS, "CPython 3.9 and earlier"), /py\.si=/);
    await field(playground.page).fill("2.5");
    await field(playground.page).press("Tab");
    const link = await programPanel(playground.page).getByLabel("Link to this program").inputValue();
    assert.match(link, /#v1&py=gil39&py\.si=2\.5&code=/);
    const page = await openInNewTab(link);
    try {
      assert.equal(await field(page).inputValue(), "2.5");
    } finally {
      await page.close();
      await field(playground.page).fill("5");
      await field(playground.page).press("Tab");
    }
  });

  test("carries a program of 8 KB exactly", async () => {
    const program = noisyProgram(8192, 11);
    const link = await linkToProgram(playground.page, program, "CPython 3.9 and earlier");
    const page = await openInNewTab(link);
    try {
      assert.equal(await programSource(page), program);
    } finally {
      await page.close();
    }
  });

  test("refuses a longer program with a message instead of cutting it", async () => {
    const { page } = playground;
    await fillProgram(page, noisyProgram(8193, 5));
    const panel = programPanel(page);
    assert.match(await panel.getByRole("alert").textContent(), /^The program is 8193 bytes long: a link carries programs of up to 8192 bytes/);
    assert.equal(await panel.getByLabel("Link to this program").count(), 0);
    assert.equal(await panel.getByRole("button", { name: "Copy embed code" }).count(), 0);
  });

  test("an old link made before programs rode along opens as before, with the default program", async () => {
    const page = await openInNewTab(`${playground.url}#v1&x=sleep&p.millis=300&mode=free&workers=3`);
    try {
      assert.equal(await page.getByRole("combobox", { name: "Experiment" }).inputValue(), "sleep");
      assert.ok(await page.getByRole("radio", { name: "free-threaded", exact: true }).isChecked());
      assert.match(await programSource(page), /^import queue\nimport threading\n/);
      assert.equal(await page.getByRole("alert").count(), 0);
    } finally {
      await page.close();
    }
  });
});

/** A course page that embeds the address in its own fragment. */
const COURSE_PAGE = `<!doctype html><meta charset="utf-8"><title>A course page</title><h1>Threads, by example</h1>
<iframe id="widget" title="GIL Playground" width="100%" height="700" style="border:0"></iframe>
<script>document.getElementById("widget").src = decodeURIComponent(location.hash.slice(1));</script>`;

describe("the program's widget in a course page without isolation headers", () => {
  let course;
  let page;
  before(async () => {
    const directory = await mkdtemp(join(tmpdir(), "course-page-"));
    await writeFile(join(directory, "index.html"), COURSE_PAGE);
    course = await serveStatic(directory, { isolated: false });
    page = await playground.context.newPage();
  });
  after(async () => {
    await page.close();
    await course.close();
  });

  /** The course page embedding the iframe's address from `code`. */
  async function openWidget(code) {
    const address = code.match(/src="([^"]+)"/)[1];
    await page.goto("about:blank");
    await page.goto(`${course.url}#${encodeURIComponent(address)}`);
    const widget = page.frameLocator("#widget");
    await widget.getByRole("textbox", { name: "Python program" }).waitFor();
    return widget;
  }

  test("shows the program read-only and runs it with its output and timeline", async () => {
    await linkToProgram(playground.page, THREADS, "CPython 3.12, with the GIL");
    const code = await programPanel(playground.page).getByLabel("Program widget (an iframe for course pages)").inputValue();
    assert.match(code, /^<iframe src="[^"]*embed\.html#v1&py=gil312&code=[^"]+" title="GIL Playground: a Python program"/);
    const widget = await openWidget(code);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    const box = widget.getByRole("textbox", { name: "Python program" });
    assert.equal(await box.getAttribute("contenteditable"), "false");
    assert.equal(await box.evaluate((content) => content.textContent.startsWith("import threading")), true);
    await widget.getByRole("button", { name: "Run program" }).click();
    await widget.getByRole("status").filter({ hasText: /^Finished in \d+ ms\.$/ }).waitFor({ timeout: 60_000 });
    const output = await widget.getByRole("log", { name: "Output" }).locator(".text").allTextContents();
    assert.equal(output.at(-1), "done");
    assert.deepEqual(output.slice(0, -1).sort(), ["w0 499500", "w1 499500"]);
    assert.ok(await widget.getByRole("img", { name: /^MainThread: / }).isVisible());
    await saveScreenshot(page, "program-widget");
  });

  test("lets readers edit when the link says so", async () => {
    const panel = programPanel(playground.page);
    await panel.getByRole("checkbox", { name: "Let readers edit it in the widget" }).check();
    try {
      const code = await panel.getByLabel("Program widget (an iframe for course pages)").inputValue();
      assert.match(code, /&edit=1"/);
      const widget = await openWidget(code);
      const box = widget.getByRole("textbox", { name: "Python program" });
      assert.equal(await box.getAttribute("contenteditable"), "true");
      await box.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.type("print('edited in the widget')");
      await widget.getByRole("button", { name: "Run program" }).click();
      await widget.getByRole("log", { name: "Output" }).getByText("edited in the widget").waitFor({ timeout: 60_000 });
    } finally {
      await panel.getByRole("checkbox", { name: "Let readers edit it in the widget" }).uncheck();
    }
  });
});
