// Memory figures of the browser the benchmark drives: the page's WebAssembly memory and thread
// workers (through the page's probes), and the proportional set size (PSS) of every Chromium
// process of this profile, read from /proc (Linux only): a worker's JavaScript heap and
// isolate live outside the WebAssembly memory, in the renderer.
import { readFile, readdir } from "node:fs/promises";

/** Every process id with its parent, from /proc. */
async function processes() {
  const found = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const commandLine = (await readFile(`/proc/${name}/cmdline`, "utf8")).replaceAll("\0", " ");
      found.push({ pid: Number(name), parent, commandLine });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** PSS in bytes of the Chromium started with profile directory `profile`, with all its children. */
export async function chromiumPssBytes(profile) {
  const all = await processes();
  const ours = new Set(all.filter((process) => process.commandLine.includes(profile)).map((process) => process.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const process of all) {
      if (!ours.has(process.pid) && ours.has(process.parent)) {
        ours.add(process.pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of ours) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, "utf8");
      total += Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

/** The page's thread workers and WebAssembly memory, and the browser's PSS. */
export async function memoryFigures(page) {
  const probes = await page.evaluate(() => ({
    threadWorkers: window.wasmBindings.thread_workers(),
    wasmBytes: window.wasmBindings.wasm_memory_bytes(),
  }));
  return { ...probes, browserPssBytes: await chromiumPssBytes(process.env.XDG_CONFIG_HOME) };
}
