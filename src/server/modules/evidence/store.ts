import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";

/** A shared result as the evidence page pools it: its figures and its school's name and pseudonym. */
export type SharedRow = {
  id: string;
  strand_key: string | null;
  theme_key: string | null;
  title: string;
  measure_name: string;
  measure_kind: string;
  from_label: string;
  to_label: string;
  comparison: string;
  n_t: number;
  n_c: number | null;
  g: number;
  v: number;
  ci_low: number;
  ci_high: number;
  named: boolean;
  school_name: string;
  evidence_label: string | null;
};

/** Every shared result not withdrawn, oldest share first. */
export async function sharedResults(db: Kysely<DB>): Promise<SharedRow[]> {
  return (await db
    .selectFrom("shared_results")
    .innerJoin("schools", "schools.id", "shared_results.school_id")
    .select([
      "shared_results.id",
      "shared_results.strand_key",
      "shared_results.theme_key",
      "shared_results.title",
      "shared_results.measure_name",
      "shared_results.measure_kind",
      "shared_results.from_label",
      "shared_results.to_label",
      "shared_results.comparison",
      "shared_results.n_t",
      "shared_results.n_c",
      "shared_results.g",
      "shared_results.v",
      "shared_results.ci_low",
      "shared_results.ci_high",
      "shared_results.named",
      "schools.name as school_name",
      "schools.evidence_label",
    ])
    .where("shared_results.withdrawn_at", "is", null)
    .orderBy("shared_results.shared_at")
    .execute()) as SharedRow[];
}

/** The Toolkit's strands and the programme's themes, for naming the pools. */
export async function strandsAndThemes(db: Kysely<DB>) {
  const strands = await db.selectFrom("eef_strands").selectAll().execute();
  const themes = await db
    .selectFrom("programme_themes")
    .select(["key", "name"])
    .orderBy("position")
    .execute();
  return { strands, themes };
}

export type StrandsAndThemes = Awaited<ReturnType<typeof strandsAndThemes>>;
