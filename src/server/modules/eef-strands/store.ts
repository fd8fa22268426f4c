import type { Kysely } from "kysely";
import type { z } from "zod";
import type { EefStrandOut, updateEefStrandSchema } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { differenceFromReference, referenceStrand } from "../../../domain/data/eef-strands.ts";

/** The strands with the name of whoever last confirmed each against the live Toolkit. */
export const strandQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("eef_strands")
    .leftJoin("users as confirmer", "confirmer.id", "eef_strands.confirmed_by")
    .selectAll("eef_strands")
    .select("confirmer.name as confirmed_by_name");

export type StrandRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof strandQuery>["executeTakeFirst"]>>
>;

export async function strandById(db: Kysely<DB>, id: string): Promise<StrandRow | undefined> {
  return strandQuery(db).where("eef_strands.id", "=", id).executeTakeFirst();
}

export function presentStrand(row: StrandRow): EefStrandOut {
  const figures = { months: row.months, cost: row.cost, evidence: row.evidence };
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    ...figures,
    status: row.status,
    statusNote: row.status_note,
    source: row.source,
    sourceUrl: row.source_url,
    takenOn: row.taken_on,
    note: row.note,
    retired: row.status === "retired",
    needsChecking: row.status === "check" && row.confirmed_at === null,
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
    confirmedByName: row.confirmed_by_name,
    differsFromReference: row.edited
      ? differenceFromReference(figures, referenceStrand(row.key))
      : null,
  };
}

/** Every strand, by name. */
export async function allStrands(db: Kysely<DB>): Promise<StrandRow[]> {
  return strandQuery(db).orderBy("eef_strands.name").execute();
}

export type StrandCorrection = z.infer<typeof updateEefStrandSchema>;

/**
 * Writes the corrections given, marking the strand edited when its figures
 * change, with the day they were read (`takenOn`) and who changed it.
 */
export async function correctStrand(
  db: Kysely<DB>,
  now: Date,
  id: string,
  userId: string,
  body: StrandCorrection,
  takenOn: string,
): Promise<void> {
  const changesFigures =
    body.months !== undefined || body.cost !== undefined || body.evidence !== undefined;
  await db
    .updateTable("eef_strands")
    .set({
      ...(body.months !== undefined ? { months: body.months } : {}),
      ...(body.cost !== undefined ? { cost: body.cost } : {}),
      ...(body.evidence !== undefined ? { evidence: body.evidence } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(changesFigures ? { edited: true } : {}),
      taken_on: takenOn,
      updated_by: userId,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

/** Records who checked the strand against the live Toolkit, and on which day. */
export async function confirmStrand(
  db: Kysely<DB>,
  now: Date,
  id: string,
  userId: string,
  checkedOn: string,
  note: string | undefined,
): Promise<void> {
  await db
    .updateTable("eef_strands")
    .set({
      confirmed_by: userId,
      confirmed_at: now,
      taken_on: checkedOn,
      ...(note !== undefined ? { note } : {}),
      updated_by: userId,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}
