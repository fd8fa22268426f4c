import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { DemoNetwork } from "../../../demo/network.ts";
import { SeededRandom } from "../../../demo/random.ts";
import { DEMO_STRATEGIES, type DemoStrategy, plantEffect } from "../../../demo/strategies.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { sd as sampleSd } from "../../../domain/statistics/descriptive.ts";
import { screenResult } from "../../../domain/statistics/evidence-pools.ts";
import { cohortPupilIds, currentEnrolment } from "../cohort/store.ts";
import { evaluate } from "../strategies/evaluate.ts";
import { storeSharedResult } from "../strategies/share.ts";

/**
 * Each demo school's strategy (src/demo/strategies.ts), trialled with
 * its cohort since the first point and reviewed once, with its planted effect
 * written into the participants' values. Every school but the first evaluates
 * it from the first point to the latest and shares the result, pseudonymised,
 * when the evidence page would show it (a usable effect, groups over five), so
 * the network evidence page has several pools from the start.
 */
export async function loadDemoStrategies(
  trx: Kysely<DB>,
  input: {
    network: DemoNetwork;
    schoolIds: Record<string, string>;
    firstSchoolKey: string;
    now: Date;
    seed: number;
  },
): Promise<void> {
  const today = londonToday({ now: () => input.now });
  for (const [index, school] of input.network.schools.entries()) {
    const schoolId = input.schoolIds[school.key];
    const plan = DEMO_STRATEGIES[school.key];
    if (!schoolId || !plan) continue;
    const enrolment = await currentEnrolment(trx, schoolId, today);
    if (!enrolment) continue;
    const [strand, theme, measure, points] = await Promise.all([
      trx
        .selectFrom("eef_strands")
        .select("id")
        .where("key", "=", plan.strandKey)
        .executeTakeFirst(),
      plan.themeKey
        ? trx
            .selectFrom("programme_themes")
            .innerJoin(
              "programme_years",
              "programme_years.programme_id",
              "programme_themes.programme_id",
            )
            .select("programme_themes.id")
            .where("programme_years.id", "=", enrolment.programmeYearId)
            .where("programme_themes.key", "=", plan.themeKey)
            .executeTakeFirst()
        : undefined,
      trx
        .selectFrom("measures")
        .select(["id", "min", "max", "decimals", "higher_is_better"])
        .where("school_id", "=", schoolId)
        .where("key", "=", plan.measureKey)
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
        title: plan.title,
        description: plan.description,
        theme_id: theme?.id ?? null,
        eef_strand_id: strand?.id ?? null,
        evidence_references: plan.evidence,
        starts_on: points[0]?.starts_on ?? today,
        sessions_per_week: plan.sessionsPerWeek,
        minutes_per_session: plan.minutesPerSession,
        cost_pounds: plan.costPounds,
        staff_hours: plan.staffHours,
        success_measure_id: measure?.id ?? null,
        success_change: plan.successChange,
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
        done: plan.review.done,
        data_shows: plan.review.dataShows,
        decision: plan.review.decision,
        created_at: input.now,
      })
      .execute();
    if (!measure || points.length < 2) continue;
    await plantStrategyEffect(trx, {
      plan,
      measure,
      pointIds: points.map((p) => p.id),
      participantIds: cohort.map((c) => c.pupilId),
      seed: input.seed * 100 + index,
    });
    const [from, to] = [points[0], points.at(-1)];
    if (school.key === input.firstSchoolKey || !from || !to) continue;
    const evaluation = await evaluate(trx, row, {
      measureId: measure.id,
      from: from.id,
      to: to.id,
      comparison: plan.comparison,
    });
    const effect = evaluation.raw.effect;
    if (!effect || evaluation.coverage === "ends-before-start") continue;
    const shown = screenResult({
      nT: evaluation.raw.participants.n,
      nC: evaluation.raw.comparison?.n ?? null,
      g: effect.g,
      v: effect.v,
      ciLow: effect.ciLow,
      ciHigh: effect.ciHigh,
      comparison: plan.comparison,
      measureKind: evaluation.measureKind,
      measureName: evaluation.measure.name,
    }).shown;
    if (!shown) continue;
    await storeSharedResult(trx, row, evaluation, {
      named: false,
      comparison: plan.comparison,
      actorId: null,
      now: input.now,
    });
  }
}

/**
 * Writes a strategy's planted effect into its participants' values of its
 * success measure, scaled by the school's spread on that measure at the first point.
 */
async function plantStrategyEffect(
  trx: Kysely<DB>,
  input: {
    plan: DemoStrategy;
    measure: { id: string; min: number; max: number; decimals: number; higher_is_better: boolean };
    pointIds: string[];
    participantIds: string[];
    seed: number;
  },
): Promise<void> {
  const { measure, pointIds, participantIds } = input;
  if (participantIds.length === 0) return;
  const baseline = await trx
    .selectFrom("observations")
    .select("value")
    .where("measure_id", "=", measure.id)
    .where("assessment_point_id", "=", pointIds[0] ?? "")
    .execute();
  const sd = sampleSd(baseline.map((o) => Number(o.value)));
  if (sd === null || !Number.isFinite(sd) || sd <= 0) return;
  const rows = await trx
    .selectFrom("observations")
    .select(["id", "pupil_id", "assessment_point_id", "value"])
    .where("measure_id", "=", measure.id)
    .where("pupil_id", "in", participantIds)
    .where("assessment_point_id", "in", pointIds)
    .execute();
  // In UPN order, not id order (ids differ between databases), so a seed always plants the same values.
  const pupils = await trx
    .selectFrom("pupils")
    .select(["id", "upn"])
    .where("id", "in", participantIds)
    .orderBy("upn")
    .execute();
  const random = new SeededRandom(input.seed);
  const scale = {
    min: Number(measure.min),
    max: Number(measure.max),
    decimals: measure.decimals,
    higherIsBetter: measure.higher_is_better,
  };
  for (const { id: pupilId } of pupils) {
    const series = pointIds.map((pointId) =>
      rows.find((r) => r.pupil_id === pupilId && r.assessment_point_id === pointId),
    );
    if (series.some((o) => o === undefined)) continue;
    const present = series.flatMap((o) => (o ? [o] : []));
    const planted = plantEffect(
      present.map((o) => Number(o.value)),
      { benefit: input.plan.benefit, sd, scale, random },
    );
    for (const [t, o] of present.entries()) {
      const value = planted[t];
      if (value === undefined || value === Number(o.value)) continue;
      await trx.updateTable("observations").set({ value }).where("id", "=", o.id).execute();
    }
  }
}
