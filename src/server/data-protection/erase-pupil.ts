import { type Kysely, sql } from "kysely";
import { inIds } from "../../db/in-ids.ts";
import type { DB } from "../../db/schema.ts";

/**
 * The one way Cascade erases a pupil, used by a leader's erasure on request
 * (data-rights) and by the retention job (issue #15).
 *
 * Row-delete, not tombstone. Every row derived from the pupil goes (their
 * observations and the import records of their values, cohort places,
 * strategy places, the rectification history, which holds old names and
 * values), and then the pupil row itself. Why not a tombstone:
 * - a tombstone is a row every other pupil query (lists, cohort, matrix, gap,
 *   exports, strategies' participants, search) must remember to filter; one
 *   that forgets shows a blank pupil. With no row, there is nothing to forget;
 * - what the tombstone was kept for, pseudonyms never issued again, is done
 *   by `retired_pseudonyms` (codes only, no pupil id), which `ensurePseudonyms`
 *   reads;
 * - a deleted row leaves nothing of the pupil in the tables, so nothing in any
 *   later backup either.
 * Shared results hold no pupil rows and stay as they are. Audit rows hold ids
 * only, never names, and stay, so the hash chain holds.
 *
 * Cascade has no questionnaires and no free-text notes about pupils
 * (`NOT_HELD_FOR_PUPILS`); the one free text per pupil, a cohort place's
 * reason, goes with the cohort places.
 *
 * Runs in the caller's transaction; the caller has loaded the pupils within
 * scope (or chosen them by the retention rules).
 */
export interface ErasureCounts {
  pupilsErased: number;
  observations: number;
  cohortMemberships: number;
  strategyParticipations: number;
  /** Rows of the rectification history (record_changes). */
  historyRows: number;
  /** Rows of the import history (import_changes) of the pupils and their values. */
  importRows: number;
  pseudonymsRetired: number;
}

const CHUNK = 1000;

export async function erasePupils(
  trx: Kysely<DB>,
  pupilIds: readonly string[],
  now: Date,
): Promise<ErasureCounts> {
  const totals: ErasureCounts = {
    pupilsErased: 0,
    observations: 0,
    cohortMemberships: 0,
    strategyParticipations: 0,
    historyRows: 0,
    importRows: 0,
    pseudonymsRetired: 0,
  };
  if (pupilIds.length === 0) return totals;
  // As ensurePseudonyms does: no code is issued while these are being retired.
  await sql`lock table pseudonyms in share row exclusive mode`.execute(trx);
  const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
  for (let i = 0; i < pupilIds.length; i += CHUNK) {
    const ids = inIds(pupilIds.slice(i, i + CHUNK));
    const codes = await trx
      .selectFrom("pseudonyms")
      .select(["programme_year_id", "code"])
      .where("pupil_id", "in", ids)
      .execute();
    if (codes.length > 0) {
      await trx
        .insertInto("retired_pseudonyms")
        .values(codes.map((c) => ({ ...c, retired_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await trx.deleteFrom("pseudonyms").where("pupil_id", "in", ids).execute();
    totals.pseudonymsRetired += codes.length;
    const observationIds = trx.selectFrom("observations").select("id").where("pupil_id", "in", ids);
    totals.importRows += count(
      await trx
        .deleteFrom("import_changes")
        .where((eb) =>
          eb.or([
            eb.and([eb("entity", "=", "pupil"), eb("entity_id", "in", ids)]),
            eb.and([eb("entity", "=", "observation"), eb("entity_id", "in", observationIds)]),
          ]),
        )
        .executeTakeFirst(),
    );
    totals.observations += count(
      await trx.deleteFrom("observations").where("pupil_id", "in", ids).executeTakeFirst(),
    );
    totals.cohortMemberships += count(
      await trx.deleteFrom("cohort_members").where("pupil_id", "in", ids).executeTakeFirst(),
    );
    totals.strategyParticipations += count(
      await trx.deleteFrom("strategy_participants").where("pupil_id", "in", ids).executeTakeFirst(),
    );
    totals.historyRows += count(
      await trx.deleteFrom("record_changes").where("pupil_id", "in", ids).executeTakeFirst(),
    );
    totals.pupilsErased += count(
      await trx.deleteFrom("pupils").where("id", "in", ids).executeTakeFirst(),
    );
  }
  return totals;
}
