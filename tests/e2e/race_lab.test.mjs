// The race lab (issue 4's interleaving simulator; rows C1, C2, C4 and D2): a bank balance updated
// by two workers without a lock loses updates, differently per seed but the same for the same
// seed, on any page; with a lock it is exactly 100; a Lock taken twice is reported as a deadlock
// and the page stays usable; Step goes one operation at a time; the link keeps the settings.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPlayground, playgroundForTests, saveScreenshot } from "../support/browser.mjs";
import { download, tableRows, textMatching } from "../support/playground.mjs";
import { FREE_SCHEDULING, GIL_SCHEDULING, finishedRace, raceLab, raceLabStatus, simulateRace } from "../support/race_lab.mjs";

const playground = playgroundForTests();

describe("the race lab", () => {
  test("without a lock loses updates under the GIL, shows the interleaving that lost one, and repeats itself for the same seed", async () => {
    const { page } = playground;
    const first = finishedRace(await simulateRace(page, { program: "C1 · Bank balance, no lock", scheduling: GIL_SCHEDULING, seed: 1 }));
    assert.notEqual(first.balance, 100);
    assert.ok(first.lost > 0);
    const story = await tableRows(page, "First lost update");
    assert.equal(story[0][2], "read the balance");
    assert.equal(story.at(-1)[2], "write the balance");
    assert.equal(story[0][1], story.at(-1)[1], "the same worker reads and overwrites");
    assert.match(story.at(-1)[5], /^overwrites \d+ write\(s\) it never read/);
    await saveScreenshot(page, "race-lab-lost-updates");

    const other = finishedRace(await simulateRace(page, { seed: 2 }));
    assert.notEqual(other.balance, first.balance, "another seed, another interleaving");
    assert.deepEqual(finishedRace(await simulateRace(page, { seed: 1 })), first, "the same seed, the same interleaving");
  });

  test("steps one operation at a time", async () => {
    const { page } = playground;
    const region = raceLab(page);
    await region.getByRole("button", { name: "Reset" }).click();
    for (let i = 0; i < 3; i++) await region.getByRole("button", { name: "Step", exact: true }).click();
    await textMatching(raceLabStatus(page), /^Operation 3 of about 60000: balance \d+; updates lost so far: 0\.$/);
    const rows = await tableRows(page, "Last operations");
    assert.deepEqual(rows.map((row) => row[0]), ["1", "2", "3"]);
    assert.equal(rows[0][2], "read the balance");

    const chart = region.getByRole("img", { name: /^Operations 1 to 3, one lane per worker/ });
    await chart.focus();
    await page.keyboard.press("End");
    const [, worker, operation] = rows[2];
    await textMatching(region.getByRole("status", { name: "Interleaving readout" }), new RegExp(`^Operation 3: ${worker.toLowerCase()} does “${operation}”`));
    await page.keyboard.press("Home");
    await textMatching(region.getByRole("status", { name: "Interleaving readout" }), /^Operation 1: worker \d does “read the balance”: \d+; balance after/);
    const png = await download(page, "Download “Interleaving” as PNG");
    assert.equal(png.fileName, "interleaving.png");
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  test("with a lock ends at exactly 100 with free threads", async () => {
    const line = await simulateRace(playground.page, { program: "C2 · Bank balance, a lock around each update", scheduling: FREE_SCHEDULING, seed: 3 });
    assert.deepEqual(finishedRace(line), { balance: 100, lost: 0 });
  });

  test("reports a Lock taken twice as a deadlock, and an RLock proceeds after it", async () => {
    const { page, errors } = playground;
    const line = await simulateRace(page, { program: "D2 · A Lock acquired twice by the same worker" });
    assert.match(line, /^Deadlock after \d+ operations: .*worker \d waits for the lock it holds itself/);
    assert.equal(await raceLab(page).getByRole("button", { name: "To the end" }).isDisabled(), true);
    const after = await simulateRace(page, { program: "D2 · An RLock acquired twice by the same worker" });
    assert.deepEqual(finishedRace(after), { balance: 100, lost: 0 });
    assert.deepEqual(errors, []);
  });

  test("refuses absurd sizes with a message and keeps the last good settings in the link", async () => {
    const { page } = playground;
    const region = raceLab(page);
    await region.getByLabel(/^Updates per worker/).fill("99999999");
    await textMatching(region.getByRole("alert"), /Updates per worker must be a whole number from 1 to 10000/);
    assert.equal(await region.getByRole("button", { name: "Step", exact: true }).isDisabled(), true);
    await region.getByLabel(/^Updates per worker/).fill("500");
    assert.equal(await region.getByRole("alert").count(), 0);
  });

  test("opened from a link, on a page without shared memory, gives the same interleaving", async () => {
    const { page } = playground;
    const expected = finishedRace(await simulateRace(page, { program: "C1 · Bank balance, no lock", scheduling: FREE_SCHEDULING, updates: 2000, seed: 77 }));
    const fragment = (await page.getByLabel("Link to this experiment").inputValue()).split("#")[1];
    assert.match(fragment, /&r\.p=nolock&r\.s=free&r\.n=2000&r\.k=100&r\.seed=77/);
    const { page: elsewhere, close } = await openPlayground({ isolated: false, serviceWorkers: "block", fragment: `#${fragment}` });
    try {
      assert.equal(await elsewhere.evaluate(() => crossOriginIsolated), false);
      assert.equal(await raceLab(elsewhere).getByRole("radio", { name: /^free-threaded/ }).isChecked(), true);
      assert.deepEqual(finishedRace(await simulateRace(elsewhere, {})), expected);
    } finally {
      await close();
    }
  });
});
