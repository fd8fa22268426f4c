import type { Kysely, Selectable } from "kysely";
import type {
  NationalComparator,
  NationalFigure,
  NationalMeasure,
  NewNationalFigure,
} from "../../../contracts/national.ts";
import type { DB, NationalFiguresTable, NationalMeasuresTable } from "../../../db/schema.ts";
import { latestFigure } from "../../../domain/national-figures.ts";

const num = (v: number | string | null) => (v === null ? null : Number(v));

export function presentNationalMeasure(row: Selectable<NationalMeasuresTable>): NationalMeasure {
  return { key: row.key, name: row.name, keyStage: row.key_stage, kind: row.kind, unit: row.unit };
}

export function presentNationalFigure(row: Selectable<NationalFiguresTable>): NationalFigure {
  return {
    id: row.id,
    measureKey: row.measure_key,
    academicYear: row.academic_year,
    disadvantaged: num(row.disadvantaged),
    other: num(row.other),
    allPupils: num(row.all_pupils),
    gap: num(row.gap),
    status: row.status,
    source: row.source,
    sourceUrl: row.source_url,
    readOn: row.read_on,
  };
}

export async function nationalMeasures(db: Kysely<DB>) {
  return db.selectFrom("national_measures").selectAll().orderBy("position").execute();
}

export async function nationalFigures(db: Kysely<DB>, measureKeys?: string[]) {
  if (measureKeys && measureKeys.length === 0) return [];
  return db
    .selectFrom("national_figures")
    .selectAll()
    .$if(measureKeys !== undefined, (q) => q.where("measure_key", "in", measureKeys ?? []))
    .orderBy("measure_key")
    .orderBy("academic_year")
    .orderBy("status")
    .execute();
}

export async function nationalMeasureByKey(db: Kysely<DB>, key: string) {
  return db.selectFrom("national_measures").selectAll().where("key", "=", key).executeTakeFirst();
}

/** The national measure a school's measure is mapped to, with its latest figures; null when unmapped. */
export async function comparatorFor(
  db: Kysely<DB>,
  measureId: string,
): Promise<NationalComparator | null> {
  const link = await db
    .selectFrom("measure_national_links")
    .innerJoin(
      "national_measures",
      "national_measures.key",
      "measure_national_links.national_measure_key",
    )
    .selectAll("national_measures")
    .where("measure_national_links.measure_id", "=", measureId)
    .executeTakeFirst();
  if (!link) return null;
  const index = await db
    .selectFrom("national_measures")
    .select("key")
    .where("kind", "=", "gap_index")
    .where("key_stage", "=", link.key_stage)
    .executeTakeFirst();
  const keys = index ? [link.key, index.key] : [link.key];
  const rows = (await nationalFigures(db, keys)).map(presentNationalFigure);
  return {
    measure: presentNationalMeasure(link),
    figure: latestFigure(rows.filter((r) => r.measureKey === link.key)),
    gapIndex: index ? latestFigure(rows.filter((r) => r.measureKey === index.key)) : null,
  };
}

/** Whether the measure already has figures of this status for the year. */
export async function figureExists(
  db: Kysely<DB>,
  measureKey: string,
  academicYear: string,
  status: NewNationalFigure["status"],
): Promise<boolean> {
  const clash = await db
    .selectFrom("national_figures")
    .select("id")
    .where("measure_key", "=", measureKey)
    .where("academic_year", "=", academicYear)
    .where("status", "=", status)
    .executeTakeFirst();
  return clash !== undefined;
}

/** Adds a year's published figures for a national measure, as read on `body.readOn`. */
export async function insertFigure(
  db: Kysely<DB>,
  now: Date,
  measureKey: string,
  body: NewNationalFigure,
  createdBy: string,
) {
  return db
    .insertInto("national_figures")
    .values({
      measure_key: measureKey,
      academic_year: body.academicYear,
      disadvantaged: body.disadvantaged ?? null,
      other: body.other ?? null,
      all_pupils: body.allPupils ?? null,
      gap: body.gap ?? null,
      status: body.status,
      source: body.source,
      source_url: body.sourceUrl ?? "",
      read_on: body.readOn,
      created_by: createdBy,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Maps a school's measure to a national measure, or clears its mapping (`key` null). */
export async function setNationalLink(
  db: Kysely<DB>,
  now: Date,
  link: { measureId: string; schoolId: string; key: string | null; mappedBy: string },
): Promise<void> {
  const key = link.key;
  if (key === null) {
    await db
      .deleteFrom("measure_national_links")
      .where("measure_id", "=", link.measureId)
      .execute();
    return;
  }
  await db
    .insertInto("measure_national_links")
    .values({
      measure_id: link.measureId,
      school_id: link.schoolId,
      national_measure_key: key,
      mapped_by: link.mappedBy,
      mapped_at: now,
    })
    .onConflict((oc) =>
      oc.column("measure_id").doUpdateSet({
        national_measure_key: key,
        mapped_by: link.mappedBy,
        mapped_at: now,
      }),
    )
    .execute();
}
