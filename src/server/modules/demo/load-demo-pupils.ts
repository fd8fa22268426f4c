import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { DemoNetwork } from "../../../demo/network.ts";
import { generatePupils } from "../../../demo/pupils.ts";
import { academicYearOf, parseAcademicYear } from "../../../domain/academic-year.ts";
import { defaultAssessmentPoints } from "../../../domain/assessment-points.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { COHORT_TARGET } from "../../../domain/cohort.ts";
import { findCandidates } from "../cohort/candidates.ts";
import { confirmCohort } from "../cohort/confirm.ts";
import { currentEnrolment } from "../cohort/store.ts";

/**
 * Small schools, so the demo loads fast, yet each with enough disadvantaged
 * pupils below expected for a cohort of 15 and a comparison group beside it.
 */
const PER_YEAR_GROUP = { primary: 15, secondary: 24, special: 12, all_through: 20 } as const;

/**
 * Gives every demo school this year's half-term points, a roll of synthetic
 * pupils, and values for each point that has begun. Returns how many points
 * have data.
 */
export async function loadDemoPupilData(
  trx: Kysely<DB>,
  input: { network: DemoNetwork; schoolIds: Record<string, string>; now: Date; seed: number },
): Promise<number> {
  const today = londonToday({ now: () => input.now });
  const label = academicYearOf(today);
  const year = parseAcademicYear(label);
  const points = defaultAssessmentPoints(label);
  if (!year.ok || !points) throw new Error(`no academic year for ${today}`);
  const begun = points.filter((p) => p.startsOn <= today).length;

  for (const [index, school] of input.network.schools.entries()) {
    const schoolId = input.schoolIds[school.key];
    if (!schoolId) continue;
    const pointRows = await trx
      .insertInto("assessment_points")
      .values(
        points.map((p) => ({
          school_id: schoolId,
          academic_year: label,
          name: p.name,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          created_at: input.now,
        })),
      )
      .returning(["id", "starts_on"])
      .execute();
    pointRows.sort((a, b) => a.starts_on.localeCompare(b.starts_on));
    const measures = await trx
      .selectFrom("measures")
      .select(["id", "key"])
      .where("school_id", "=", schoolId)
      .execute();
    const measureId = new Map(measures.map((m) => [m.key, m.id]));
    const pupils = generatePupils({
      phase: school.phase,
      la: 990,
      establishment: 1000 + index,
      perYearGroup: PER_YEAR_GROUP[school.phase],
      academicStartYear: year.startYear,
      points: begun,
      seed: input.seed * 100 + index,
      disadvantagedShare: school.disadvantagedShare,
    });
    const inserted = await trx
      .insertInto("pupils")
      .values(
        pupils.map((p) => ({
          school_id: schoolId,
          upn: p.upn,
          legal_first_name: p.legalFirstName,
          preferred_first_name: p.preferredFirstName,
          last_name: p.lastName,
          date_of_birth: p.dateOfBirth,
          gender: p.gender,
          year_group: p.yearGroup,
          pupil_premium: p.pupilPremium,
          fsm: p.fsm,
          ever6_fsm: p.ever6Fsm,
          looked_after: p.lookedAfter,
          previously_looked_after: p.previouslyLookedAfter,
          sen_status: p.senStatus,
          eal: p.eal,
          service_child: p.serviceChild,
          other_intervention: p.otherIntervention,
          created_at: input.now,
          updated_at: input.now,
        })),
      )
      .returning(["id", "upn"])
      .execute();
    const pupilId = new Map(inserted.map((p) => [p.upn, p.id]));
    const observations = pupils.flatMap((p) =>
      Object.entries(p.values).flatMap(([key, series]) => {
        const measure = measureId.get(key);
        const pupil = pupilId.get(p.upn);
        if (!measure || !pupil) return [];
        return series.map((value, t) => ({
          pupil_id: pupil,
          measure_id: measure,
          assessment_point_id: pointRows[t]?.id ?? "",
          value,
          recorded_at: input.now,
        }));
      }),
    );
    for (let i = 0; i < observations.length; i += 1000) {
      await trx
        .insertInto("observations")
        .values(observations.slice(i, i + 1000))
        .execute();
    }
  }
  return begun;
}

/**
 * Each demo school's target cohort as its leader would pick it from the finder:
 * its best-ranked proposals, up to 15, and never a pupil the finder holds back
 * (not disadvantaged, in an exam year, on another intervention, not
 * underachieving at the first point); joined two weeks into the year so the
 * matrix has an arrow to draw. The finder breaks ties by UPN, so the same seed
 * gives the same cohorts.
 */
export async function chooseDemoCohorts(
  trx: Kysely<DB>,
  input: { schoolIds: string[]; now: Date },
): Promise<void> {
  const today = londonToday({ now: () => input.now });
  for (const schoolId of input.schoolIds) {
    const enrolment = await currentEnrolment(trx, schoolId, today);
    if (!enrolment) continue;
    // Chosen on the first point's data, as a team would in September.
    const first = (await firstPointWithData(trx, schoolId)) ?? undefined;
    const { ranked } = await findCandidates(
      trx,
      { id: schoolId, disadvantage_rule: "pupil_premium" },
      enrolment.id,
      { today, pointId: first },
    );
    const chosen = ranked
      .filter((c) => c.status === "proposed")
      .slice(0, COHORT_TARGET)
      .map((c) => c.id);
    const year = parseAcademicYear(enrolment.academicYear);
    const twoWeeksIn = year.ok
      ? new Date(Date.parse(`${year.startsOn}T00:00:00Z`) + 14 * 86_400_000)
          .toISOString()
          .slice(0, 10)
      : today;
    await confirmCohort(trx, {
      schoolId,
      enrolment,
      pupilIds: chosen,
      reason: "Chosen from the candidate finder's proposals (demo data).",
      actorId: null,
      on: twoWeeksIn < today ? twoWeeksIn : today,
      now: input.now,
    });
  }
}

/** The id of the school's earliest assessment point that holds data, or null. */
export async function firstPointWithData(
  trx: Kysely<DB>,
  schoolId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom("assessment_points")
    .select("assessment_points.id")
    .where("assessment_points.school_id", "=", schoolId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("observations")
          .select("observations.id")
          .whereRef("observations.assessment_point_id", "=", "assessment_points.id"),
      ),
    )
    .orderBy("assessment_points.starts_on")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
