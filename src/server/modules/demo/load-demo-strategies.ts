import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { cohortPupilIds, currentEnrolment } from "../cohort/store.ts";
import { evaluate } from "../strategies/evaluate.ts";
import { storeSharedResult } from "../strategies/share.ts";

/**
 * One strategy per demo school, trialled with its cohort: peer tutoring for
 * resilience, reviewed once. Every school but the first has shared its result,
 * so the network evidence page has something to pool from the start.
 */
export async function loadDemoStrategies(
  trx: Kysely<DB>,
  input: { schoolIds: string[]; firstSchoolId: string; now: Date },
): Promise<void> {
  const today = input.now.toISOString().slice(0, 10);
  const strand = await trx
    .selectFrom("eef_strands")
    .select("id")
    .where("key", "=", "peer-tutoring")
    .executeTakeFirst();
  for (const schoolId of input.schoolIds) {
    const enrolment = await currentEnrolment(trx, schoolId, today);
    if (!enrolment) continue;
    const [theme, measure, points] = await Promise.all([
      trx
        .selectFrom("programme_themes")
        .innerJoin(
          "programme_years",
          "programme_years.programme_id",
          "programme_themes.programme_id",
        )
        .select("programme_themes.id")
        .where("programme_years.id", "=", enrolment.programmeYearId)
        .where("programme_themes.key", "=", "resilient")
        .executeTakeFirst(),
      trx
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", schoolId)
        .where("key", "=", "theme-resilient")
        .executeTakeFirst(),
      trx
        .selectFrom("assessment_points")
        .select(["id", "starts_on"])
        .where("school_id", "=", schoolId)
        .where("starts_on", "<=", today)
        .orderBy("starts_on")
        .execute(),
    ]);
    const row = await trx
      .insertInto("strategies")
      .values({
        school_id: schoolId,
        programme_year_id: enrolment.programmeYearId,
        title: "Reading buddies",
        description:
          "Older pupils read with cohort pupils twice a week, practising bouncing back from mistakes out loud.",
        theme_id: theme?.id ?? null,
        eef_strand_id: strand?.id ?? null,
        evidence_references: "EEF Toolkit: peer tutoring.",
        starts_on: points[0]?.starts_on ?? today,
        sessions_per_week: 2,
        minutes_per_session: 20,
        cost_pounds: 450,
        staff_hours: 30,
        success_measure_id: measure?.id ?? null,
        success_change: 0.5,
        status: "trialling",
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const cohort = await cohortPupilIds(trx, [enrolment.id]);
    if (cohort.length > 0) {
      await trx
        .insertInto("strategy_participants")
        .values(
          cohort.map((c) => ({ strategy_id: row.id, pupil_id: c.pupilId, added_on: c.joinedOn })),
        )
        .execute();
    }
    await trx
      .insertInto("strategy_reviews")
      .values({
        strategy_id: row.id,
        reviewed_on: today,
        done: "Two sessions a week since the start of term, with a few missed for trips.",
        data_shows: "Resilience ratings moved a little for some pupils; too early to say.",
        decision:
          "Keep going to the end of the next half-term, then evaluate against other disadvantaged pupils.",
        created_at: input.now,
      })
      .execute();
    const [from, to] = [points.at(-2), points.at(-1)];
    if (schoolId !== input.firstSchoolId && measure && from && to) {
      const evaluation = await evaluate(trx, row, {
        measureId: measure.id,
        from: from.id,
        to: to.id,
        comparison: "disadvantaged",
      });
      if (evaluation.raw.effect && evaluation.coverage !== "ends-before-start") {
        await storeSharedResult(trx, row, evaluation, {
          named: false,
          comparison: "disadvantaged",
          actorId: null,
          now: input.now,
        });
      }
    }
  }
}
