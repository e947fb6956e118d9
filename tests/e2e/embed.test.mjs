// The embeddable widget (issue 4): a course page on another origin, sending no isolation
// headers, embeds the widget in an iframe; the widget says which engine runs, runs the
// experiment in the mode that works there, resizes its iframe through the documented listener,
// and links to the full playground. The full page gives the embed code.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { serveStatic } from "../support/static-server.mjs";

const playground = playgroundForTests();

/** A course page that embeds `src` and resizes the iframe as the README's "Embed" section says. */
function coursePage(src, playgroundOrigin) {
  return `<!doctype html><meta charset="utf-8"><title>A course page</title><h1>Lesson 3: threads</h1>
<iframe id="widget" src="${src}" title="GIL Playground: A2 Monte Carlo pi" width="100%" height="100" style="border:0"></iframe>
<script>
addEventListener("message", (event) => {
  if (event.origin === ${JSON.stringify(playgroundOrigin)} && event.data?.type === "gil-playground-height") {
    document.getElementById("widget").style.height = event.data.height + "px";
  }
});
</script>`;
}

describe("the widget in a course page on another origin without isolation headers", () => {
  test("runs on separate workers, says so, resizes its iframe and links to the full playground", async () => {
    const { context, url } = playground;
    const directory = await mkdtemp(join(tmpdir(), "course-page-"));
    const src = `${url}?embed#v1&x=pi&p.samples=2000000&mode=gil&workers=2`;
    await writeFile(join(directory, "index.html"), coursePage(src, new URL(url).origin));
    const course = await serveStatic(directory, { isolated: false });
    const page = await context.newPage();
    try {
      await page.goto(course.url);
      const widget = page.frameLocator("#widget");
      assert.match(await widget.getByRole("status", { name: "Engine" }).textContent(), /separate workers only/);
      assert.equal(await widget.getByRole("radio", { name: "processes", exact: true }).isChecked(), true);
      await widget.getByRole("button", { name: "Run" }).click();
      await widget.getByText(/^Finished: π ≈ 3\.1[34]/).waitFor({ timeout: 60_000 });
      const height = await page.locator("#widget").evaluate((frame) => parseFloat(frame.style.height));
      assert.ok(height > 300, `iframe height ${height}`);
      const full = await widget.getByRole("link", { name: "Open in the full playground" }).getAttribute("href");
      assert.match(full, /^http:\/\/127\.0\.0\.1:\d+\/#v1&x=pi&/);
      assert.doesNotMatch(full, /embed/);
      await saveScreenshot(page, "embedded-widget");
    } finally {
      await page.close();
      await course.close();
    }
  });
});

describe("the full page", () => {
  test("gives an embed code: an iframe with a title on the widget's address", async () => {
    const { page, url } = playground;
    const code = await page.getByLabel("Embed code (an iframe for course pages)").inputValue();
    assert.match(code, new RegExp(`^<iframe src="${url.replace(/[./]/g, "\\$&")}\\?embed#v1&x=pi&[^"]*" title="GIL Playground: A2 Monte Carlo pi"`));
  });
});
