// A static file server for the browser tests. It sends the headers dist/_headers asks for (as
// Netlify or Cloudflare Pages would), or none at all, as on a host that cannot set headers.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

/** The rules of a `_headers` file: [{ pattern: RegExp, headers: [[name, value]] }]. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().split("*").map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, "\\$&")).join(".*");
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: [] });
    } else if (rules.length > 0) {
      const [name, ...value] = line.trim().split(":");
      rules.at(-1).headers.push([name.trim(), value.join(":").trim()]);
    }
  }
  return rules;
}

async function headerRules(root) {
  try {
    return parseHeadersFile(await readFile(join(root, "_headers"), "utf8"));
  } catch {
    return [];
  }
}

/**
 * Serves `root` on a free port of 127.0.0.1; resolves to { url, close }. With `isolated: true`
 * the headers of `root`/_headers are sent; with `isolated: false` none are, as on a host that
 * cannot set headers or a course page that embeds the playground.
 */
export async function serveStatic(root, { isolated = true } = {}) {
  const rules = isolated ? await headerRules(root) : [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    if (!file.startsWith(normalize(root))) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = rules.filter((rule) => rule.pattern.test(path)).flatMap((rule) => rule.headers);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        ...Object.fromEntries(headers),
      });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}
