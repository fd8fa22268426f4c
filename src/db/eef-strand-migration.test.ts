import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "../../test/support/engines.ts";
import { openTestDatabase } from "../../test/support/test-app.ts";
import { EEF_STRANDS, EEF_STRANDS_SOURCE } from "../domain/data/eef-strands.ts";
import { presentStrand, strandById } from "../server/modules/eef-strands/store.ts";
import type { Database } from "./database.ts";
import { down, FIRST_SHIPPED, up } from "./migrations/20261201-1510-h11-data-eef-strand-figures.ts";

/**
 * The correction of the strands first shipped: undo it on a migrated database,
 * put back the first figures (one row edited by an administrator, one strand
 * not yet there), and run it again.
 */
describe(`the migration that corrects the EEF strands [${testEngine()}]`, () => {
  let database: Database;
  const admin = crypto.randomUUID();
  beforeAll(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await down(db);
    await db.deleteFrom("eef_strands").where("key", "=", "learning-styles").execute();
    for (const [key, [months, cost, evidence]] of Object.entries(FIRST_SHIPPED)) {
      await db
        .updateTable("eef_strands")
        .set({ months, cost, evidence, taken_on: "2026-11-01", note: "Shipped with Cascade" })
        .where("key", "=", key)
        .execute();
    }
    // An administrator corrected Homework by hand (to figures the reference does not give).
    await db
      .updateTable("eef_strands")
      .set({ months: 4, evidence: 2, updated_by: admin, taken_on: "2026-11-20", note: "Ours" })
      .where("key", "=", "homework")
      .execute();
    // Someone changed Feedback outside the app: different from what shipped, so also kept.
    await db.updateTable("eef_strands").set({ months: 7 }).where("key", "=", "feedback").execute();
    await up(db);
  });
  afterAll(async () => database.close());

  const row = async (key: string) =>
    database.db
      .selectFrom("eef_strands")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirstOrThrow();

  it("corrects every unedited row to the reference figures, status and source", async () => {
    for (const reference of EEF_STRANDS.filter((s) => !["homework", "feedback"].includes(s.key))) {
      const r = await row(reference.key);
      expect(
        [r.months, r.cost, r.evidence, r.status, r.source_url, r.taken_on, r.edited],
        reference.name,
      ).toEqual([
        reference.months,
        reference.cost,
        reference.evidence,
        reference.status,
        reference.sourceUrl,
        reference.readOn,
        false,
      ]);
      expect(r.note).toBe(EEF_STRANDS_SOURCE.note);
    }
  });

  it("adds the strand that was missing and retires Digital technology", async () => {
    expect(await row("learning-styles")).toMatchObject({ months: null, cost: 1, evidence: 0 });
    expect(await row("digital-technology")).toMatchObject({
      months: null,
      cost: null,
      evidence: null,
      status: "retired",
    });
  });

  it("keeps an administrator's edited row as they left it, flagged with how it differs", async () => {
    const homework = await row("homework");
    expect(homework).toMatchObject({
      months: 4,
      evidence: 2,
      taken_on: "2026-11-20",
      note: "Ours",
      edited: true,
      status: "verified",
    });
    const stored = await strandById(database.db, homework.id);
    if (!stored) throw new Error("homework row missing");
    const shown = presentStrand(stored);
    expect(shown.differsFromReference).toBe("months +4 (reference +5); padlocks 2 (reference 1)");
    const feedback = await row("feedback");
    expect([feedback.months, feedback.edited]).toEqual([7, true]);
  });
});
