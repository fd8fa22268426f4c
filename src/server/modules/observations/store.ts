import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { type PupilView, seenIn } from "../../access/pupil-visibility.ts";
import { yearGroupOrder } from "../../access/year-order.ts";
import { type RecordChange, recordChanges } from "../../audit/history.ts";
import { NotFound } from "../../errors.ts";

/** The school's assessment point; 404 for a point of another school. */
export async function pointOfSchool(db: Kysely<DB>, schoolId: string, pointId: string) {
  const point = await db
    .selectFrom("assessment_points")
    .select(["id", "ends_on"])
    .where("id", "=", pointId)
    .where("school_id", "=", schoolId)
    .executeTakeFirst();
  if (!point) throw new NotFound("assessment point");
  return point;
}

/** The grid's pupils: those the view sees, on roll at the point's end, in school order. */
export async function gridPupils(
  db: Kysely<DB>,
  schoolId: string,
  view: PupilView,
  point: { ends_on: string },
  yearGroup: string | undefined,
) {
  return db
    .selectFrom("pupils")
    .selectAll()
    .where("school_id", "=", schoolId)
    .where(seenIn(view))
    .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">=", point.ends_on)]))
    .$if(Boolean(yearGroup), (q) => q.where("year_group", "=", yearGroup as string))
    .orderBy(yearGroupOrder)
    .orderBy("last_name")
    .orderBy("legal_first_name")
    .execute();
}

/** The values recorded for these pupils at one point. */
export async function valuesAtPoint(db: Kysely<DB>, pointId: string, pupilIds: string[]) {
  if (pupilIds.length === 0) return [];
  return db
    .selectFrom("observations")
    .select(["pupil_id", "measure_id", "assessment_point_id", "value"])
    .where("assessment_point_id", "=", pointId)
    .where("pupil_id", "in", pupilIds)
    .execute();
}

/** The pupils, measures and points of a batch that belong to these schools (the rest are missing). */
export async function batchInSchools(
  db: Kysely<DB>,
  schoolIds: string[],
  ids: { pupilIds: string[]; measureIds: string[]; pointIds: string[] },
) {
  if (schoolIds.length === 0) return { pupils: [], measures: [], points: [] };
  const [pupils, measures, points] = await Promise.all([
    db
      .selectFrom("pupils")
      .select(["id", "school_id"])
      .where("id", "in", ids.pupilIds)
      .where("school_id", "in", schoolIds)
      .execute(),
    db
      .selectFrom("measures")
      .selectAll()
      .where("id", "in", ids.measureIds)
      .where("school_id", "in", schoolIds)
      .execute(),
    db
      .selectFrom("assessment_points")
      .select(["id", "school_id", "name", "academic_year", "starts_on", "opened_early_at"])
      .where("id", "in", ids.pointIds)
      .where("school_id", "in", schoolIds)
      .execute(),
  ]);
  return { pupils, measures, points };
}

/**
 * Writes a batch: a number sets (or replaces) the value, null clears it. A value
 * replaced or cleared goes into the rectification history with what it was.
 */
export async function saveValues(
  trx: Kysely<DB>,
  items: readonly {
    pupilId: string;
    measureId: string;
    assessmentPointId: string;
    number: number | null;
  }[],
  recordedBy: string,
  now: Date,
): Promise<void> {
  const key = (p: string, m: string, a: string) => `${p}|${m}|${a}`;
  const before = new Map<string, number>();
  if (items.length > 0) {
    const rows = await trx
      .selectFrom("observations")
      .select(["pupil_id", "measure_id", "assessment_point_id", "value"])
      .where("pupil_id", "in", [...new Set(items.map((i) => i.pupilId))])
      .where("measure_id", "in", [...new Set(items.map((i) => i.measureId))])
      .where("assessment_point_id", "in", [...new Set(items.map((i) => i.assessmentPointId))])
      .execute();
    for (const r of rows)
      before.set(key(r.pupil_id, r.measure_id, r.assessment_point_id), Number(r.value));
  }
  const history: RecordChange[] = [];
  for (const item of items) {
    const old = before.get(key(item.pupilId, item.measureId, item.assessmentPointId));
    if (old !== undefined && old !== item.number) {
      history.push({
        pupilId: item.pupilId,
        entity: "observation",
        field: "value",
        measureId: item.measureId,
        assessmentPointId: item.assessmentPointId,
        oldValue: old,
        newValue: item.number,
      });
    }
  }
  await recordChanges(trx, history, { by: recordedBy, source: "edit", now });
  for (const item of items) {
    if (item.number === null) {
      await trx
        .deleteFrom("observations")
        .where("pupil_id", "=", item.pupilId)
        .where("measure_id", "=", item.measureId)
        .where("assessment_point_id", "=", item.assessmentPointId)
        .execute();
    } else {
      await trx
        .insertInto("observations")
        .values({
          pupil_id: item.pupilId,
          measure_id: item.measureId,
          assessment_point_id: item.assessmentPointId,
          value: item.number,
          recorded_by: recordedBy,
          recorded_at: now,
        })
        .onConflict((oc) =>
          oc.columns(["pupil_id", "measure_id", "assessment_point_id"]).doUpdateSet({
            value: item.number as number,
            recorded_by: recordedBy,
            recorded_at: now,
            import_id: null,
          }),
        )
        .execute();
    }
  }
}
