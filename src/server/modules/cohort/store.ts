import type { Kysely } from "kysely";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { Conflict } from "../../errors.ts";

export interface CurrentEnrolment {
  id: string;
  programmeYearId: string;
  academicYear: string;
  clusterId: string;
  trioId: string | null;
}

/**
 * The school's enrolment for the programme year that contains `today`, or its
 * most recent one. Undefined when the school is not enrolled at all.
 */
export async function currentEnrolment(
  db: Kysely<DB>,
  schoolId: string,
  today: string,
): Promise<CurrentEnrolment | undefined> {
  const rows = await db
    .selectFrom("enrolments")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .select([
      "enrolments.id",
      "enrolments.programme_year_id",
      "programme_years.academic_year",
      "programme_years.starts_on",
      "programme_years.ends_on",
      "enrolments.cluster_id",
      "enrolments.trio_id",
    ])
    .where("enrolments.school_id", "=", schoolId)
    .orderBy("programme_years.starts_on", "desc")
    .execute();
  const row = rows.find((r) => r.starts_on <= today && today <= r.ends_on) ?? rows[0];
  return row
    ? {
        id: row.id,
        programmeYearId: row.programme_year_id,
        academicYear: row.academic_year,
        clusterId: row.cluster_id,
        trioId: row.trio_id,
      }
    : undefined;
}

export async function requireEnrolment(
  db: Kysely<DB>,
  schoolId: string,
  today: string,
): Promise<CurrentEnrolment> {
  const enrolment = await currentEnrolment(db, schoolId, today);
  if (!enrolment) {
    throw new Conflict("The school is not enrolled in a programme year, so it has no cohort yet.");
  }
  return enrolment;
}

/** Current members of the cohorts of these enrolments. */
export async function cohortPupilIds(
  db: Kysely<DB>,
  enrolmentIds: string[],
): Promise<Array<{ enrolmentId: string; pupilId: string; joinedOn: string }>> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("cohort_members")
    .select(["enrolment_id", "pupil_id", "joined_on"])
    .where("enrolment_id", "in", enrolmentIds)
    .where("left_on", "is", null)
    .execute();
  return rows.map((r) => ({
    enrolmentId: r.enrolment_id,
    pupilId: r.pupil_id,
    joinedOn: r.joined_on,
  }));
}

/** Everyone who has been in the enrolment's cohort, with when they joined and left, oldest first. */
export async function cohortHistory(db: Kysely<DB>, enrolmentId: string) {
  return db
    .selectFrom("cohort_members")
    .innerJoin("pupils", "pupils.id", "cohort_members.pupil_id")
    .select([
      "cohort_members.pupil_id",
      "cohort_members.joined_on",
      "cohort_members.left_on",
      "cohort_members.reason",
      "pupils.legal_first_name",
      "pupils.preferred_first_name",
      "pupils.last_name",
      "pupils.year_group",
    ])
    .where("cohort_members.enrolment_id", "=", enrolmentId)
    .orderBy("cohort_members.joined_on")
    .orderBy("pupils.last_name")
    .execute();
}

/** These pupils' pseudonyms for the programme year, by pupil id. */
export async function pseudonymsOf(
  db: Kysely<DB>,
  programmeYearId: string,
  pupilIds: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("pseudonyms")
    .select(["pupil_id", "code"])
    .where("programme_year_id", "=", programmeYearId)
    .where("pupil_id", "in", inIds(pupilIds))
    .execute();
  return new Map(rows.map((p) => [p.pupil_id, p.code]));
}
