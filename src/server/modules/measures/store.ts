import type { Kysely, Selectable } from "kysely";
import type { Measure } from "../../../contracts/pupil-data.ts";
import type { DB, MeasuresTable } from "../../../db/schema.ts";
import { type MeasureDefinition, measureCatalogue, type Phase } from "../../../domain/measures.ts";

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

/**
 * Gives a school the built-in measures of its phase that it does not have yet,
 * keeping any it has edited. Keys are shared across schools, which is what
 * lets a trio compare the same measure.
 */
export async function ensureCatalogueMeasures(
  db: Kysely<DB>,
  schoolId: string,
  phase: Phase,
): Promise<void> {
  const existing = new Set(
    (await db.selectFrom("measures").select("key").where("school_id", "=", schoolId).execute()).map(
      (m) => m.key,
    ),
  );
  const missing = measureCatalogue(phase)
    .map((definition, position) => ({ definition, position }))
    .filter(({ definition }) => !existing.has(definition.key));
  if (missing.length === 0) return;
  await db
    .insertInto("measures")
    .values(
      missing.map(({ definition: d, position }) => ({
        school_id: schoolId,
        key: d.key,
        name: d.name,
        kind: d.kind,
        scale: d.scale,
        min: d.min,
        max: d.max,
        expected: d.expected,
        higher_is_better: d.higherIsBetter,
        levels: JSON.stringify(d.levels),
        subject: d.subject,
        core: d.core,
        decimals: d.decimals,
        built_in: true,
        position,
      })),
    )
    .onConflict((oc) => oc.columns(["school_id", "key"]).doNothing())
    .execute();
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
