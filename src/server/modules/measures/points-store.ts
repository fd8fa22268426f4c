import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { hasBegun } from "../../../domain/assessment-points.ts";

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
