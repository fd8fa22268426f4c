import type { Kysely } from "kysely";
import type { EefStrandOut } from "../../../contracts/strategies.ts";
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
