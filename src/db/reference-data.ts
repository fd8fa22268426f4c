import { type Kysely, sql } from "kysely";
import { EEF_STRANDS, EEF_STRANDS_SOURCE } from "../domain/data/eef-strands.ts";
import type { DB } from "./schema.ts";

/**
 * Reference data the app ships with: added when missing, never overwriting a
 * figure an administrator has corrected.
 */
export async function seedReferenceData(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto("eef_strands")
    .values(
      EEF_STRANDS.map((s) => ({
        key: s.key,
        name: s.name,
        months: s.months,
        cost: s.cost,
        evidence: s.evidence,
        status: s.status,
        status_note: s.statusNote,
        source_url: s.sourceUrl,
        source: EEF_STRANDS_SOURCE.source,
        taken_on: s.readOn,
        note: EEF_STRANDS_SOURCE.note,
        updated_at: sql<Date>`now()`,
      })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}
