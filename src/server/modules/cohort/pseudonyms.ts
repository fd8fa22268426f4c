import { randomInt } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";

/**
 * Gives each pupil a pseudonym for the programme year if they have none: the
 * school's short code and a number drawn at random from those still free (two
 * digits while they last), so the code says nothing about who the pupil is.
 * Codes retired by erasing a pupil count as taken: a code is never reused.
 */
export async function ensurePseudonyms(
  trx: Kysely<DB>,
  programmeYearId: string,
  pupils: Array<{ id: string; shortCode: string }>,
  now: Date,
): Promise<void> {
  if (pupils.length === 0) return;
  await sql`lock table pseudonyms in share row exclusive mode`.execute(trx);
  const existing = await trx
    .selectFrom("pseudonyms")
    .select(["pupil_id", "code"])
    .where("programme_year_id", "=", programmeYearId)
    .execute();
  const retired = await trx
    .selectFrom("retired_pseudonyms")
    .select("code")
    .where("programme_year_id", "=", programmeYearId)
    .execute();
  const has = new Set(existing.map((p) => p.pupil_id));
  const taken = new Set([...existing.map((p) => p.code), ...retired.map((p) => p.code)]);
  const rows = [];
  for (const pupil of pupils) {
    if (has.has(pupil.id)) continue;
    const free = (from: number, to: number) => {
      const options = [];
      for (let n = from; n <= to; n++) {
        const code = `${pupil.shortCode}-${String(n).padStart(2, "0")}`;
        if (!taken.has(code)) options.push(code);
      }
      return options;
    };
    const options = free(1, 99).length > 0 ? free(1, 99) : free(100, 9999);
    const code = options[randomInt(options.length)];
    if (!code) throw new Error(`no pseudonyms left for ${pupil.shortCode}`);
    taken.add(code);
    has.add(pupil.id);
    rows.push({ pupil_id: pupil.id, programme_year_id: programmeYearId, code, created_at: now });
  }
  if (rows.length > 0) await trx.insertInto("pseudonyms").values(rows).execute();
}
