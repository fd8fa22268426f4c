import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type {
  createMeasureSchema,
  Measure,
  updateMeasureSchema,
} from "../../../contracts/pupil-data.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB, MeasuresTable } from "../../../db/schema.ts";
import type { MeasureDefinition } from "../../../domain/measures.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";

export type MeasureRow = Selectable<MeasuresTable>;

export function presentMeasure(row: MeasureRow): Measure {
  return {
    id: row.id,
    ...definitionOfColumns(row),
    builtIn: row.built_in,
    nationalDisadvantagedPct:
      row.national_disadvantaged_pct === null ? null : Number(row.national_disadvantaged_pct),
    nationalOtherPct: row.national_other_pct === null ? null : Number(row.national_other_pct),
    archived: row.archived_at !== null,
    version: row.version,
  };
}

/** The columns a measure's definition is made of. */
const DEFINITION_COLUMNS = [
  "key",
  "name",
  "kind",
  "scale",
  "min",
  "max",
  "expected",
  "higher_is_better",
  "levels",
  "subject",
  "core",
  "decimals",
] as const;
type DefinitionColumns = Pick<MeasureRow, (typeof DEFINITION_COLUMNS)[number]>;

function definitionOfColumns(row: DefinitionColumns): MeasureDefinition {
  return {
    key: row.key,
    name: row.name,
    kind: row.kind as MeasureDefinition["kind"],
    scale: row.scale as MeasureDefinition["scale"],
    min: Number(row.min),
    max: Number(row.max),
    expected: row.expected === null ? null : Number(row.expected),
    higherIsBetter: row.higher_is_better,
    levels: row.levels,
    subject: row.subject,
    core: row.core,
    decimals: row.decimals,
  };
}

/** A stored measure as the domain's definition, for parsing and judging values. */
export function definitionOf(row: MeasureRow | Measure): MeasureDefinition {
  if (!("higherIsBetter" in row)) return definitionOfColumns(row);
  return {
    key: row.key,
    name: row.name,
    kind: row.kind,
    scale: row.scale,
    min: row.min,
    max: row.max,
    expected: row.expected,
    higherIsBetter: row.higherIsBetter,
    levels: row.levels,
    subject: row.subject,
    core: row.core,
    decimals: row.decimals,
  };
}

/**
 * The current (unarchived) measures of these schools as definitions, in each
 * school's order: only the columns a definition reads.
 */
export async function measureDefinitionsOf(
  db: Kysely<DB>,
  schoolIds: string[],
): Promise<Array<{ schoolId: string; definition: MeasureDefinition }>> {
  const rows = await db
    .selectFrom("measures")
    .select(["school_id", ...DEFINITION_COLUMNS])
    .where("school_id", "in", inIds(schoolIds))
    .where("archived_at", "is", null)
    .orderBy("position")
    .execute();
  return rows.map((row) => ({ schoolId: row.school_id, definition: definitionOfColumns(row) }));
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

/**
 * A measure, locked for the change about to be made to it, if the actor can see
 * its school's pupil data: 404 for a missing measure or a school outside the
 * actor's scope, 403 for those who see the school but not its pupils' names.
 */
export async function measureInScope(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<MeasureRow> {
  const measure = await db
    .selectFrom("measures")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!measure) throw new NotFound("measure");
  await schoolForPupilData(db, actor, measure.school_id, "read");
  return measure;
}

/** One of the school's measures, by id; undefined when the school has no such measure. */
export async function measureOfSchool(db: Kysely<DB>, schoolId: string, measureId: string) {
  return db
    .selectFrom("measures")
    .select(["id"])
    .where("id", "=", measureId)
    .where("school_id", "=", schoolId)
    .executeTakeFirst();
}

/** The key a school's own measure gets from its name. */
export function ownMeasureKey(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replaceAll(/[^a-z0-9]+/g, "-")
      .replaceAll(/^-|-$/g, "") || "measure";
  return `own-${slug}`;
}

/** Whether the school already has a measure with this key, or this name in any case. */
export async function measureNameTaken(
  db: Kysely<DB>,
  schoolId: string,
  key: string,
  name: string,
): Promise<boolean> {
  const clash = await db
    .selectFrom("measures")
    .select("id")
    .where("school_id", "=", schoolId)
    .where((eb) =>
      eb.or([eb("key", "=", key), eb(eb.fn("lower", ["name"]), "=", name.toLowerCase())]),
    )
    .executeTakeFirst();
  return clash !== undefined;
}

export type NewMeasure = z.infer<typeof createMeasureSchema>;

/** Adds a measure of the school's own, after the catalogue's (position 1000). */
export async function insertOwnMeasure(
  db: Kysely<DB>,
  now: Date,
  schoolId: string,
  key: string,
  body: NewMeasure,
): Promise<MeasureRow> {
  return db
    .insertInto("measures")
    .values({
      school_id: schoolId,
      key,
      name: body.name,
      kind: body.kind,
      scale: body.scale,
      min: body.min,
      max: body.max,
      expected: body.expected,
      higher_is_better: body.higherIsBetter,
      levels: JSON.stringify(body.levels),
      subject: body.subject,
      core: body.core,
      decimals: body.decimals,
      position: 1000,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type MeasureChanges = Omit<z.infer<typeof updateMeasureSchema>, "version">;

/** Writes the changes given (and only those) and moves the measure to its next version. */
export async function updateMeasure(
  db: Kysely<DB>,
  now: Date,
  measure: MeasureRow,
  changes: MeasureChanges,
): Promise<MeasureRow> {
  return db
    .updateTable("measures")
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.expected !== undefined ? { expected: changes.expected } : {}),
      ...(changes.nationalDisadvantagedPct !== undefined
        ? { national_disadvantaged_pct: changes.nationalDisadvantagedPct }
        : {}),
      ...(changes.nationalOtherPct !== undefined
        ? { national_other_pct: changes.nationalOtherPct }
        : {}),
      ...(changes.archived !== undefined ? { archived_at: changes.archived ? now : null } : {}),
      version: measure.version + 1,
    })
    .where("id", "=", measure.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
