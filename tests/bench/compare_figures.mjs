// Prints "Compare all modes" wall times for A1 (countdown), A2 (Monte Carlo pi) and B1 (ten
// one-second sleeps) at their catalogue defaults, as ratios to the single-worker run of the same
// comparison. Figures for the issue notes; nothing is asserted.
import { openPlayground } from "../support/browser.mjs";
import { chooseExperiment, tableRows, waitForRunEnd } from "../support/playground.mjs";

const EXPERIMENTS = ["Countdown", "Monte Carlo pi", "Sleep (blocking I/O)"];

const { page, close } = await openPlayground();
try {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`| experiment | mode | workers | wall (ms) | ratio to single worker |  (${cores} cores)`);
  console.log("|---|---|---|---|---|");
  for (const name of EXPERIMENTS) {
    await chooseExperiment(page, name);
    await page.getByRole("button", { name: "Compare all modes" }).click();
    await page.getByRole("table", { name: "Wall time by mode" }).waitFor({ timeout: 120_000 });
    await waitForRunEnd(page);
    const rows = (await tableRows(page, "Results")).slice(-4);
    const serial = Number(rows.find((row) => row[2] === "single worker")?.[4]);
    for (const row of rows.filter((row) => row[1].startsWith(name.split(" (")[0]))) {
      const wall = Number(row[4]);
      console.log(`| ${name} | ${row[2]} | ${row[3]} | ${wall} | ${(wall / serial).toFixed(2)} |`);
    }
  }
} finally {
  await close();
}
