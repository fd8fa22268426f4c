import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { ValidationProblem } from "../../errors.ts";
import { ensurePseudonyms } from "./pseudonyms.ts";
import type { CurrentEnrolment } from "./store.ts";

/**
 * Makes the cohort exactly `pupilIds`: pupils not in it join on `on`, pupils
 * left out leave on `on` with the reason; history is never rewritten. Joining
 * pupils get their pseudonym for the programme year.
 */
export async function confirmCohort(
  trx: Kysely<DB>,
  input: {
    schoolId: string;
    enrolment: CurrentEnrolment;
    pupilIds: string[];
    reason: string | null;
    actorId: string | null;
    on: string;
    now: Date;
  },
): Promise<{ joined: number; left: number }> {
  const wanted = [...new Set(input.pupilIds)];
  const pupils = wanted.length
    ? await trx
        .selectFrom("pupils")
        .select(["id", "left_on"])
        .where("school_id", "=", input.schoolId)
        .where("id", "in", wanted)
        .execute()
    : [];
  const found = new Map(pupils.map((p) => [p.id, p]));
  const errors = wanted.flatMap((id, i) =>
    !found.has(id)
      ? [{ field: `pupilIds.${i}`, message: "Not a pupil of this school." }]
      : found.get(id)?.left_on
        ? [{ field: `pupilIds.${i}`, message: "This pupil has left the school." }]
        : [],
  );
  if (errors.length > 0) throw new ValidationProblem("Some pupils cannot join the cohort.", errors);
  const current = await trx
    .selectFrom("cohort_members")
    .select(["id", "pupil_id"])
    .where("enrolment_id", "=", input.enrolment.id)
    .where("left_on", "is", null)
    .forUpdate()
    .execute();
  const currentIds = new Set(current.map((c) => c.pupil_id));
  const joining = wanted.filter((id) => !currentIds.has(id));
  const leaving = current.filter((c) => !wanted.includes(c.pupil_id));
  if (leaving.length > 0) {
    await trx
      .updateTable("cohort_members")
      .set({ left_on: input.on, reason: input.reason })
      .where(
        "id",
        "in",
        leaving.map((l) => l.id),
      )
      .execute();
  }
  if (joining.length > 0) {
    await trx
      .insertInto("cohort_members")
      .values(
        joining.map((pupilId) => ({
          enrolment_id: input.enrolment.id,
          pupil_id: pupilId,
          joined_on: input.on,
          reason: input.reason,
          created_by: input.actorId,
          created_at: input.now,
        })),
      )
      .execute();
    const school = await trx
      .selectFrom("schools")
      .select("short_code")
      .where("id", "=", input.schoolId)
      .executeTakeFirstOrThrow();
    await ensurePseudonyms(
      trx,
      input.enrolment.programmeYearId,
      joining.map((id) => ({ id, shortCode: school.short_code })),
      input.now,
    );
  }
  return { joined: joining.length, left: leaving.length };
}
