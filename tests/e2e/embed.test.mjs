// The embeddable widget (issue 4): a course page on another origin, sending no isolation
// headers, embeds the widget (embed.html) in an iframe. Served with no headers at all, the widget
// says which engine runs, runs every experiment of the catalogue on the message-passing engine,
// resizes its iframe through the documented listener, and links to the full playground. Served
// with www/_headers, Document-Isolation-Policy isolates the frame itself: the shared-memory
// engine runs. The full page gives the embed code. Issue 16: a broken link is named in one line.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST, playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { serveStatic } from "../support/static-server.mjs";

const playground = playgroundForTests();

/**
 * A course page that embeds the widget at the address in its own fragment and resizes the iframe
 * as the README's "Embed" section says.
 */
function coursePage(playgroundOrigin) {
  return `<!doctype html><meta charset="utf-8"><title>A course page</title><h1>Lesson 3: threads</h1>
<iframe id="widget" title="GIL Playground" width="100%" height="100" style="border:0"></iframe>
<script>
document.getElementById("widget").src = decodeURIComponent(location.hash.slice(1));
addEventListener("message", (event) => {
  if (event.origin === ${JSON.stringify(playgroundOrigin)} && event.data?.type === "gil-playground-height") {
    document.getElementById("widget").style.height = event.data.height + "px";
  }
});
</script>`;
}

/** Every experiment of the catalogue, by its link key, with sizes that run in a second or two. */
const PRESETS = {
  countdown: "p.count=60000000",
  pi: "p.samples=4000000",
  primes: "",
  factorial: "p.n=2000",
  "pool-calls": "",
  chunks: "",
  "heavy-loop": "",
  sleep: "p.millis=300",
  downloads: "",
  "file-copy": "p.megabytes=16",
  convoy: "p.operations=60",
};

describe("the widget in a course page on another origin without isolation headers", () => {
  let course;
  let headerless;
  let page;
  before(async () => {
    headerless = await serveStatic(DIST, { isolated: false });
    const directory = await mkdtemp(join(tmpdir(), "course-page-"));
    await writeFile(join(directory, "index.html"), coursePage(new URL(headerless.url).origin));
    course = await serveStatic(directory, { isolated: false });
    page = await playground.context.newPage();
  });
  after(async () => {
    await page.close();
    await course.close();
    await headerless.close();
  });
  /** The course page with the widget of `site` (the playground's address) at `fragment`. */
  const openWidget = async (fragment, site = headerless.url) => {
    // From a blank page: a change of fragment alone would not reload the course page.
    await page.goto("about:blank");
    await page.goto(`${course.url}#${encodeURIComponent(`${site}embed.html#${fragment}`)}`);
    return page.frameLocator("#widget");
  };

  for (const [key, parameters] of Object.entries(PRESETS)) {
    test(`runs ${key} at its default mode and workers on the message-passing engine`, async () => {
      const widget = await openWidget(`v1&x=${key}&${parameters}`);
      assert.match(await widget.getByRole("status", { name: "Engine" }).textContent(), /^Engine: message passing/);
      await widget.getByRole("button", { name: "Run", exact: true }).click();
      // Waits for any end, so that a run the watchdog or a failure stopped says so.
      const ended = widget.getByText(/^(Finished|Stopped)/).first();
      await ended.waitFor({ timeout: 60_000 });
      assert.match(await ended.textContent(), /^Finished/);
      assert.ok(await widget.getByRole("img", { name: /timeline/i }).first().isVisible());
    });
  }

  test("names, on one line, the parts of a broken link it could not use, and runs the rest", async () => {
    const strays = Array.from({ length: 30 }, (_, index) => `stray_field_${index}=1`).join("&");
    const widget = await openWidget(`v1&x=primes&p.limits=%3Cb%3E&workers=0&mode=processes&${strays}&p.limits=1000,2000`);
    const line = widget.getByRole("alert").filter({ hasText: /^Parts of the link could not be used/ });
    assert.match(await line.textContent(), /^Parts of the link could not be used: workers, stray_field_0, stray_field_1, .*, stray_field_29\.$/);
    assert.match(await line.getAttribute("title"), /^workers \(Workers must be between 1 and 100\), stray_field_0 \(not a field/);
    const { height, fontSize } = await line.evaluate((element) => ({
      height: element.getBoundingClientRect().height,
      fontSize: parseFloat(getComputedStyle(element).fontSize),
    }));
    assert.ok(height < 2 * fontSize, `the line is ${height} px high at a ${fontSize} px font`);
    await saveScreenshot(page, "embedded-widget-broken-link");
    assert.equal(await widget.getByRole("radio", { name: "processes", exact: true }).isChecked(), true);
    await widget.getByRole("button", { name: "Run", exact: true }).click();
    await widget.getByText(/^Finished/).waitFor({ timeout: 60_000 });
  });

  test("runs pi under the GIL token, resizes its iframe and links to the full playground", async () => {
    const widget = await openWidget("v1&x=pi&p.samples=2000000&mode=gil&workers=2");
    assert.equal(await widget.getByRole("alert").count(), 0, "a link it could use whole");
    assert.equal(await widget.getByRole("radio", { name: "threads + GIL", exact: true }).isChecked(), true);
    await widget.getByRole("button", { name: "Run", exact: true }).click();
    await widget.getByText(/^Finished: π ≈ 3\.1[34]/).waitFor({ timeout: 60_000 });
    const height = await page.locator("#widget").evaluate((frame) => parseFloat(frame.style.height));
    assert.ok(height > 300, `iframe height ${height}`);
    const full = await widget.getByRole("link", { name: "Open in the full playground" }).getAttribute("href");
    assert.match(full, /^http:\/\/127\.0\.0\.1:\d+\/#v1&x=pi&/);
    assert.doesNotMatch(full, /embed/);
    await saveScreenshot(page, "embedded-widget");
  });

  test("with the timeline hidden and the race lab shown, is the race lab: it steps and reports a deadlock", async () => {
    const widget = await openWidget("v1&x=pi&show=races&r.p=locktwice&r.s=free&r.seed=4");
    const lab = widget.getByRole("region", { name: "Races and locks (simulated interleaving)" });
    assert.equal(await lab.getByLabel("Program").inputValue(), "locktwice");
    await lab.getByRole("button", { name: "To the end" }).click();
    await lab.getByRole("alert").filter({ hasText: /^Deadlock after \d+ operations/ }).waitFor();
    await lab.getByLabel("Program").selectOption("nolock");
    await lab.getByRole("button", { name: "Step", exact: true }).click();
    await lab.getByRole("status").filter({ hasText: /^Operation 1 of about 60000/ }).waitFor();
    const full = await widget.getByRole("link", { name: "Open in the full playground" }).getAttribute("href");
    assert.match(full, /&show=races&r\.p=nolock&r\.s=free&/);
    const height = await page.locator("#widget").evaluate((frame) => parseFloat(frame.style.height));
    assert.ok(height > 300, `iframe height ${height}`);
  });

  test("served with www/_headers, Document-Isolation-Policy isolates the widget's frame: shared memory", async () => {
    const widget = await openWidget("v1&x=pi&p.samples=2000000&mode=gil&workers=2", playground.url);
    assert.match(await widget.getByRole("status", { name: "Engine" }).textContent(), /^Engine: shared memory/);
    assert.equal(await widget.locator("body").evaluate(() => crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    await widget.getByRole("button", { name: "Run", exact: true }).click();
    await widget.getByText(/^Finished: π ≈ 3\.1[34]/).waitFor({ timeout: 60_000 });
  });
});

describe("the full page", () => {
  test("gives an embed code: an iframe with a title on the widget's address", async () => {
    const { page, url } = playground;
    const code = await page.getByLabel("Embed code (an iframe for course pages)").inputValue();
    assert.match(code, new RegExp(`^<iframe src="${url.replace(/[./]/g, "\\$&")}embed\\.html#v1&x=pi&[^"]*" title="GIL Playground: A2 Monte Carlo pi"`));
    assert.match(code, /allow="cross-origin-isolated"/);
  });

  test("gives the race lab's embed code once the timeline is hidden", async () => {
    const { page } = playground;
    const panels = page.getByRole("group", { name: "Panels shown" });
    await panels.getByRole("checkbox", { name: "Timeline" }).uncheck();
    try {
      const code = await page.getByLabel("Embed code (an iframe for course pages)").inputValue();
      assert.match(code, /title="GIL Playground: C1 · Bank balance, no lock"/);
    } finally {
      await panels.getByRole("checkbox", { name: "Timeline" }).check();
    }
  });
});
