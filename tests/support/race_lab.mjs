// Steps a learner takes in the race lab ("Races and locks"), found by role and accessible name.
import { showPart, textMatching } from "./playground.mjs";

/** The race lab's region. */
export const raceLab = (page) => page.getByRole("region", { name: "Races and locks (simulated interleaving)" });

/** The lab's status line, or its alert (a deadlock, a bad setting). */
export const raceLabStatus = (page) => raceLab(page).getByRole("status").or(raceLab(page).getByRole("alert")).first();

/**
 * Sets the lab up (`program` by its label, `scheduling` a pattern for its radio's name, the
 * updates per worker and the seed), presses "To the end" and resolves to its final line.
 */
export async function simulateRace(page, { program, scheduling, updates, seed }) {
  await showPart(page, "Experiment");
  const region = raceLab(page);
  if (program) await region.getByLabel("Program").selectOption({ label: program });
  if (scheduling) await region.getByRole("radio", { name: scheduling }).check();
  if (updates !== undefined) await region.getByLabel(/^Updates per worker/).fill(String(updates));
  if (seed !== undefined) await region.getByLabel("Scheduler seed").fill(String(seed));
  await region.getByRole("button", { name: "To the end" }).click();
  return textMatching(raceLabStatus(page), /^(Finished|Deadlock)/);
}

/** The balance and lost updates a "Finished …" line gives. */
export function finishedRace(line) {
  const [, balance, lost] = line.match(/the balance is (-?\d+), expected 100; updates lost: (\d+)\./);
  return { balance: Number(balance), lost: Number(lost) };
}

/** The schedulings' radio names, as patterns. */
export const GIL_SCHEDULING = /^threads \+ GIL/;
export const FREE_SCHEDULING = /^free-threaded/;
