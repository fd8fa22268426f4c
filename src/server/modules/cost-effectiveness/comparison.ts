import type { Kysely } from "kysely";
import type { CostComparison, StrategyCostRow } from "../../../contracts/cost-effectiveness.ts";
import type { COMPARISONS } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { costPerMonth, strategyCost } from "../../../domain/cost-effectiveness.ts";
import {
  defaultEvaluationMeasure,
  defaultEvaluationPeriod,
} from "../../../domain/evaluation-period.ts";
import { pointsOfSchool, type SchoolPoint } from "../measures/points-store.ts";
import { measuresOfSchool } from "../measures/store.ts";
import { evaluate } from "../strategies/evaluate.ts";
import { strategiesOfSchool } from "./store.ts";

type Comparison = (typeof COMPARISONS)[number];
type Row = Awaited<ReturnType<typeof strategiesOfSchool>>[number];

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The warnings that say why an evaluation has no effect size. */
const NO_EFFECT = new Set(["below-minimum", "no-spread", "too-few", "no-variance"]);

/**
 * The evaluation a strategy's page shows first — its success measure (or the
 * school's core measure), from the last point before it started to the latest
 * since — against the chosen comparison group, reduced to aggregates. Null,
 * with the reason, where there is nothing to evaluate yet.
 */
export async function headlineEvaluation(
  db: Kysely<DB>,
  row: Row,
  context: {
    measures: Awaited<ReturnType<typeof measuresOfSchool>>;
    points: SchoolPoint[];
    today: string;
    comparison: Comparison;
  },
): Promise<{ evaluation: StrategyCostRow["evaluation"]; gap: string | null }> {
  if (Number(row.participant_count ?? 0) === 0)
    return { evaluation: null, gap: "No participants yet: choose them on the strategy's page." };
  const measure = defaultEvaluationMeasure(context.measures, row.success_measure_id);
  if (!measure) return { evaluation: null, gap: "The school has no measures to evaluate on yet." };
  const period = defaultEvaluationPeriod(context.points, row.starts_on, context.today);
  if (!period.from || !period.to)
    return {
      evaluation: null,
      gap: "No evaluation yet: it needs values at two assessment points.",
    };
  const result = await evaluate(db, row, {
    measureId: measure.id,
    from: period.from,
    to: period.to,
    comparison: context.comparison,
  });
  if (result.coverage === "ends-before-start")
    return {
      evaluation: null,
      gap: "No evaluation since the strategy began: record the measure at a point after its start.",
    };
  const participants = result.groups[0];
  const comparisonGroup = result.groups[1];
  const headline =
    result.monthsText ??
    (result.hedgesG !== null
      ? (result.monthsNote ?? `Hedges' g ${result.hedgesG.toFixed(2)}.`)
      : (result.warnings.find((w) => NO_EFFECT.has(w.code))?.text ?? "No usable effect size."));
  return {
    evaluation: {
      measureName: result.measure.name,
      measureKind: result.measureKind,
      designKind: result.designKind,
      period: `${result.from.label} to ${result.to.label}`,
      nParticipants: participants?.n ?? 0,
      nComparison: comparisonGroup?.n ?? null,
      hedgesG: result.hedgesG,
      ciLow: result.ciLow,
      ciHigh: result.ciHigh,
      months: result.months,
      headline,
      warnings: result.warnings.map((w) => w.text),
    },
    gap: null,
  };
}

/**
 * Every strategy of the school side by side: its cost (staff hours at the
 * school's rate), cost per pupil, headline evaluation and cost per pupil per
 * month's progress where months are meaningful.
 */
export async function costComparison(
  db: Kysely<DB>,
  schoolId: string,
  input: { comparison: Comparison; today: string; hourlyRate: number | null },
): Promise<Omit<CostComparison, "rate">> {
  const [rows, measures, points] = await Promise.all([
    strategiesOfSchool(db, schoolId),
    measuresOfSchool(db, schoolId),
    pointsOfSchool(db, schoolId, input.today),
  ]);
  const strategies: StrategyCostRow[] = [];
  // One at a time: each evaluation is several queries, and a school has a handful of strategies.
  for (const row of rows) {
    const cost = strategyCost({
      directCost: num(row.cost_pounds),
      staffHours: num(row.staff_hours),
      hourlyRate: input.hourlyRate,
      participants: Number(row.participant_count ?? 0),
    });
    const { evaluation, gap } = await headlineEvaluation(db, row, {
      measures,
      points,
      today: input.today,
      comparison: input.comparison,
    });
    const perMonth = costPerMonth(
      cost,
      evaluation
        ? {
            designKind: evaluation.designKind,
            measureKind: evaluation.measureKind,
            hasEffect: evaluation.hedgesG !== null,
            months: evaluation.months,
          }
        : null,
    );
    strategies.push({
      id: row.id,
      title: row.title,
      status: row.status as StrategyCostRow["status"],
      cascadeStage: row.cascade_stage as StrategyCostRow["cascadeStage"],
      strandName: row.strand_name,
      participants: cost.participants,
      directCost: cost.directCost,
      staffHours: cost.staffHours,
      staffCost: cost.staffCost,
      totalCost: cost.totalCost,
      staffUncosted: cost.staffUncosted,
      workings: cost.workings,
      costPerPupil: cost.costPerPupil,
      costPerPupilGap: cost.costPerPupilGap,
      evaluation,
      evaluationGap: gap,
      costPerMonth: perMonth.value,
      costPerMonthGap: perMonth.gap,
    });
  }
  return { comparison: input.comparison, strategies };
}
