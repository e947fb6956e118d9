// Prints the benchmark and fidelity figures as markdown tables and writes the same figures as JSON
// into bench-results/ (ignored by git).
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";

export const RESULTS = resolve(import.meta.dirname, "../../bench-results");

/** Prints a markdown table with a heading; `rows` are arrays of cells. */
export function printTable(title, headers, rows) {
  console.log(`\n### ${title}\n`);
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`|${headers.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

/** Writes `figures` as bench-results/`name`.json and says where. */
export async function writeJson(name, figures) {
  await mkdir(RESULTS, { recursive: true });
  const path = resolve(RESULTS, `${name}.json`);
  await writeFile(path, JSON.stringify(figures, null, 2) + "\n");
  console.log(`\nThe same figures as JSON: ${path}`);
}

/** A number with `digits` decimals, or "–" when it is not a number. */
export const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
