import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { hasBegun, type PointDates } from "../../../domain/assessment-points.ts";

/**
 * The school's assessment points in date order, with how many values and how
 * many pupils each holds, whether it has begun by `today` (London) and whether
 * a leader opened it for data early.
 */
export async function pointsOfSchool(db: Kysely<DB>, schoolId: string, today: string) {
  const rows = await db
    .selectFrom("assessment_points")
    .leftJoin("users", "users.id", "assessment_points.opened_early_by")
    .select((eb) => [
      "assessment_points.id",
      "assessment_points.academic_year",
      "assessment_points.name",
      "assessment_points.starts_on",
      "assessment_points.ends_on",
      "assessment_points.opened_early_at",
      "users.name as opened_early_by_name",
      eb
        .selectFrom("observations")
        .select((o) => o.fn.countAll<number>().as("n"))
        .whereRef("observations.assessment_point_id", "=", "assessment_points.id")
        .as("observation_count"),
      eb
        .selectFrom("observations")
        .select((o) => o.fn.count<number>("observations.pupil_id").distinct().as("n"))
        .whereRef("observations.assessment_point_id", "=", "assessment_points.id")
        .as("pupil_count"),
    ])
    .where("assessment_points.school_id", "=", schoolId)
    .orderBy("assessment_points.starts_on")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    academicYear: r.academic_year,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    observationCount: Number(r.observation_count ?? 0),
    pupilsWithData: Number(r.pupil_count ?? 0),
    begun: hasBegun({ startsOn: r.starts_on }, today),
    openedEarly: r.opened_early_at
      ? {
          at: new Date(r.opened_early_at).toISOString(),
          byName: r.opened_early_by_name ?? "",
        }
      : null,
  }));
}
export type SchoolPoint = Awaited<ReturnType<typeof pointsOfSchool>>[number];

/** One of the school's assessment points, by id; undefined when the school has no such point. */
export async function pointOfSchool(db: Kysely<DB>, schoolId: string, pointId: string) {
  return db
    .selectFrom("assessment_points")
    .select(["id", "name", "starts_on", "opened_early_at"])
    .where("id", "=", pointId)
    .where("school_id", "=", schoolId)
    .executeTakeFirst();
}

/** The names (lower case) of the school's points in an academic year. */
export async function pointNamesOfYear(
  db: Kysely<DB>,
  schoolId: string,
  academicYear: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("assessment_points")
    .select("name")
    .where("school_id", "=", schoolId)
    .where("academic_year", "=", academicYear)
    .execute();
  return new Set(rows.map((p) => p.name.toLowerCase()));
}

/** Adds points to the school's academic year. */
export async function insertPoints(
  db: Kysely<DB>,
  now: Date,
  schoolId: string,
  academicYear: string,
  points: readonly PointDates[],
): Promise<void> {
  await db
    .insertInto("assessment_points")
    .values(
      points.map((p) => ({
        school_id: schoolId,
        academic_year: academicYear,
        name: p.name,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
        created_at: now,
      })),
    )
    .execute();
}

/** Records that `userId` opened the point for data before it begins. */
export async function markOpenedEarly(
  db: Kysely<DB>,
  now: Date,
  pointId: string,
  userId: string,
): Promise<void> {
  await db
    .updateTable("assessment_points")
    .set({ opened_early_at: now, opened_early_by: userId })
    .where("id", "=", pointId)
    .execute();
}
