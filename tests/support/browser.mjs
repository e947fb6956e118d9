// Opens the built playground in Debian's headless Chromium (playwright-core drives it).
import { mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { serveStatic } from "./static-server.mjs";

export const DIST = resolve(import.meta.dirname, "../../dist");
export const ARTEFACTS = resolve(import.meta.dirname, "../../test-results");

/**
 * Serves dist/ and opens it; resolves to { page, context, errors, url, close }. `errors` collects page
 * errors. `isolated: false` serves it without any headers (dist/_headers is ignored);
 * `serviceWorkers: "block"` keeps the page from isolating itself with its service worker then;
 * `fragment` (with its `#`) opens it as a share link would; `args` adds Chromium flags;
 * `initScript` (a function) runs in the page before its own scripts.
 */
export async function openPlayground({ isolated = true, fragment = "", serviceWorkers = "allow", args = [], initScript } = {}) {
  const server = await serveStatic(DIST, { isolated });
  const profile = await mkdtemp(join(tmpdir(), "gil-playground-chromium-"));
  // Chromium writes beside the profile, not in the home directory.
  process.env.XDG_CONFIG_HOME = profile;
  process.env.XDG_CACHE_HOME = profile;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    serviceWorkers,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...args,
    ],
  });
  if (initScript) await context.addInitScript(initScript);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(server.url + fragment);
  // An experiment's link opens the Experiment part (Run), a program's the Program (Run program).
  await page.getByRole("button", { name: /^Run( program)?$/ }).first().waitFor();
  return {
    page,
    context,
    errors,
    url: server.url,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/** Saves a full-page screenshot into test-results/ and returns its path. */
export async function saveScreenshot(page, name) {
  await mkdir(ARTEFACTS, { recursive: true });
  const path = join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Opens the playground before a test file's tests and closes it after them. Returns an object
 * that holds { page, errors } once the tests run.
 */
export function playgroundForTests(options) {
  const playground = {};
  before(async () => Object.assign(playground, await openPlayground(options)));
  after(async () => playground.close());
  return playground;
}

/**
 * Waits until the count a probe of `window.wasmBindings` gives (`probe`: "thread_workers",
 * "program_workers") has not changed for a second, at most 30 s: workers start and end a little
 * after a run, and the browser frees a terminated worker's memory a little after that.
 */
export async function waitForWorkersToSettle(page, probe) {
  const workers = () => page.evaluate((name) => window.wasmBindings[name](), probe);
  const deadline = Date.now() + 30_000;
  let last = await workers();
  while (Date.now() < deadline) {
    await page.waitForTimeout(1_000);
    const now = await workers();
    if (now === last) return;
    last = now;
  }
}
