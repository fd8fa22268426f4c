import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";

export interface PupilValue {
  pupilId: string;
  measureKey: string;
  pointId: string;
  pointKey: string;
  startsOn: string;
  value: number;
}

/** A point as the same across schools: its academic year and name, e.g. "2026/27|Autumn 2". */
export const pointKeyOf = (academicYear: string, name: string) => `${academicYear}|${name}`;

/**
 * Every value of these pupils (or only at some points, for some measures), with
 * its measure's key and its point's cross-school key.
 */
export async function valuesOfPupils(
  db: Kysely<DB>,
  pupilIds: string[],
  only: { points?: string[]; measureKeys?: string[] } = {},
): Promise<PupilValue[]> {
  if (pupilIds.length === 0 || only.points?.length === 0 || only.measureKeys?.length === 0)
    return [];
  const rows = await db
    .selectFrom("observations")
    .innerJoin("measures", "measures.id", "observations.measure_id")
    .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
    .select([
      "observations.pupil_id",
      "measures.key",
      "assessment_points.id as point_id",
      "assessment_points.academic_year",
      "assessment_points.name",
      "assessment_points.starts_on",
      "observations.value",
    ])
    .where("observations.pupil_id", "in", pupilIds)
    .where("measures.archived_at", "is", null)
    .$if(only.measureKeys !== undefined, (q) =>
      q.where("measures.key", "in", only.measureKeys ?? []),
    )
    .$if(only.points !== undefined, (q) =>
      q.where((eb) =>
        eb.or(
          (only.points ?? []).map((key) => {
            const [year, name] = key.split("|");
            return eb.and([
              eb("assessment_points.academic_year", "=", year ?? ""),
              eb("assessment_points.name", "=", name ?? ""),
            ]);
          }),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    measureKey: r.key,
    pointId: r.point_id,
    pointKey: pointKeyOf(r.academic_year, r.name),
    startsOn: r.starts_on,
    value: Number(r.value),
  }));
}

/** pupil → point key → measure key → value. */
export function indexValues(values: PupilValue[]): Map<string, Map<string, Map<string, number>>> {
  const index = new Map<string, Map<string, Map<string, number>>>();
  for (const v of values) {
    const byPoint = index.get(v.pupilId) ?? new Map<string, Map<string, number>>();
    index.set(v.pupilId, byPoint);
    const byMeasure = byPoint.get(v.pointKey) ?? new Map<string, number>();
    byPoint.set(v.pointKey, byMeasure);
    byMeasure.set(v.measureKey, v.value);
  }
  return index;
}

/**
 * The points (cross-school keys) at which any of these pupils has a value, in date
 * order. Points are looked up in the pupils' schools and each is kept if one value
 * exists, so the cost follows the number of points, not the number of values.
 */
export async function pointsWithValues(
  db: Kysely<DB>,
  schoolIds: string[],
  pupilIds: string[],
): Promise<Array<{ key: string; startsOn: string }>> {
  if (pupilIds.length === 0 || schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom("assessment_points")
    .select((eb) => [
      "assessment_points.academic_year",
      "assessment_points.name",
      eb.fn.min("assessment_points.starts_on").as("starts_on"),
    ])
    .where("assessment_points.school_id", "in", schoolIds)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("observations")
          .select(eb.lit(1).as("one"))
          .whereRef("observations.assessment_point_id", "=", "assessment_points.id")
          .where("observations.pupil_id", "in", pupilIds),
      ),
    )
    .groupBy(["assessment_points.academic_year", "assessment_points.name"])
    .execute();
  return rows
    .map((r) => ({ key: pointKeyOf(r.academic_year, r.name), startsOn: String(r.starts_on) }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.key.localeCompare(b.key));
}
