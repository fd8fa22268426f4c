import type { Kysely, Selectable } from "kysely";
import type { Measure } from "../../../contracts/pupil-data.ts";
import type { DB, MeasuresTable } from "../../../db/schema.ts";
import type { MeasureDefinition } from "../../../domain/measures.ts";

export type MeasureRow = Selectable<MeasuresTable>;

export function presentMeasure(row: MeasureRow): Measure {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind as Measure["kind"],
    scale: row.scale as Measure["scale"],
    min: Number(row.min),
    max: Number(row.max),
    expected: row.expected === null ? null : Number(row.expected),
    higherIsBetter: row.higher_is_better,
    levels: row.levels,
    subject: row.subject,
    core: row.core,
    decimals: row.decimals,
    builtIn: row.built_in,
    nationalDisadvantagedPct:
      row.national_disadvantaged_pct === null ? null : Number(row.national_disadvantaged_pct),
    nationalOtherPct: row.national_other_pct === null ? null : Number(row.national_other_pct),
    archived: row.archived_at !== null,
    version: row.version,
  };
}

/** A stored measure as the domain's definition, for parsing and judging values. */
export function definitionOf(row: MeasureRow | Measure): MeasureDefinition {
  const m = "higherIsBetter" in row ? row : presentMeasure(row);
  return {
    key: m.key,
    name: m.name,
    kind: m.kind,
    scale: m.scale,
    min: m.min,
    max: m.max,
    expected: m.expected,
    higherIsBetter: m.higherIsBetter,
    levels: m.levels,
    subject: m.subject,
    core: m.core,
    decimals: m.decimals,
  };
}

export async function measuresOfSchool(
  db: Kysely<DB>,
  schoolId: string,
  includeArchived = false,
): Promise<MeasureRow[]> {
  return db
    .selectFrom("measures")
    .selectAll()
    .where("school_id", "=", schoolId)
    .$if(!includeArchived, (q) => q.where("archived_at", "is", null))
    .orderBy("position")
    .orderBy("name")
    .execute();
}
