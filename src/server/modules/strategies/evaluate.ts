import type { Kysely } from "kysely";
import {
  COMPARISON_LABELS,
  type COMPARISONS,
  type Evaluation,
} from "../../../contracts/strategies.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";
import { coverageWarning, dateText, periodCoverage } from "../../../domain/evaluation-period.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { evaluateStrategy, type PupilScores } from "../../../domain/statistics/evaluation.ts";
import { ValidationProblem } from "../../errors.ts";
import type { StrategyRow } from "./store.ts";

type Comparison = (typeof COMPARISONS)[number];

/**
 * Evaluates a strategy on one of its school's measures between two of its
 * points: participants against the chosen comparison group, drawn from the
 * same year groups.
 */
export async function evaluate(
  db: Kysely<DB>,
  strategy: StrategyRow,
  query: { measureId: string; from: string; to: string; comparison: Comparison },
): Promise<
  Omit<Evaluation, "pupils"> & {
    /** Each with its id, so the route can name only the pupils its reader may see. */
    pupils: Array<Evaluation["pupils"][number] & { pupilId: string }>;
    raw: ReturnType<typeof evaluateStrategy>;
    periodEndsOn: string;
  }
> {
  const [school, measure, points] = await Promise.all([
    db
      .selectFrom("schools")
      .select(["disadvantage_rule", "phase"])
      .where("id", "=", strategy.school_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("measures")
      .select(["id", "name", "kind", "higher_is_better"])
      .where("id", "=", query.measureId)
      .where("school_id", "=", strategy.school_id)
      .executeTakeFirst(),
    db
      .selectFrom("assessment_points")
      .select(["id", "name", "academic_year", "starts_on", "ends_on"])
      .where("school_id", "=", strategy.school_id)
      .where("id", "in", [query.from, query.to])
      .execute(),
  ]);
  const from = points.find((p) => p.id === query.from);
  const to = points.find((p) => p.id === query.to);
  const errors = [
    ...(measure ? [] : [{ field: "measureId", message: "Choose one of the school's measures." }]),
    ...(from ? [] : [{ field: "from", message: "Choose one of the school's assessment points." }]),
    ...(to ? [] : [{ field: "to", message: "Choose one of the school's assessment points." }]),
    ...(from && to && from.id === to.id
      ? [
          {
            field: "to",
            message:
              "Before and after are the same point: choose a later point for after, so there is a change to measure.",
          },
        ]
      : from && to && from.starts_on >= to.starts_on
        ? [{ field: "to", message: "The second point must come after the first." }]
        : []),
  ];
  if (errors.length > 0 || !measure || !from || !to)
    throw new ValidationProblem("The evaluation cannot be made as asked.", errors);

  const participants = await db
    .selectFrom("strategy_participants")
    .innerJoin("pupils", "pupils.id", "strategy_participants.pupil_id")
    .select(["pupils.id", "pupils.year_group"])
    .where("strategy_participants.strategy_id", "=", strategy.id)
    .execute();
  const participantIds = new Set(participants.map((p) => p.id));
  const yearGroups = [...new Set(participants.map((p) => p.year_group))];
  const pool =
    query.comparison === "none" || yearGroups.length === 0
      ? []
      : await db
          .selectFrom("pupils")
          .selectAll()
          .where("school_id", "=", strategy.school_id)
          .where("year_group", "in", yearGroups)
          .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">=", to.ends_on)]))
          .execute();
  const comparisonPupils = pool.filter((p) => {
    if (participantIds.has(p.id)) return false;
    const disadvantaged = isRowDisadvantaged(p, school.disadvantage_rule);
    if (query.comparison === "disadvantaged") return disadvantaged;
    if (query.comparison === "non_disadvantaged") return !disadvantaged;
    return true;
  });
  const everyone = [...participantIds, ...comparisonPupils.map((p) => p.id)];
  const values = everyone.length
    ? await db
        .selectFrom("observations")
        .innerJoin("pupils", "pupils.id", "observations.pupil_id")
        .select([
          "observations.pupil_id",
          "observations.assessment_point_id",
          "observations.value",
          "pupils.legal_first_name",
          "pupils.preferred_first_name",
          "pupils.last_name",
        ])
        .where("observations.measure_id", "=", measure.id)
        .where("observations.assessment_point_id", "in", [from.id, to.id])
        .where("observations.pupil_id", "in", everyone)
        .execute()
    : [];
  const names = await db
    .selectFrom("pupils")
    .select(["id", "legal_first_name", "preferred_first_name", "last_name"])
    .where("id", "in", inIds(everyone))
    .execute();
  const nameOf = new Map(names.map((n) => [n.id, pupilDisplayName(n)]));
  const at = (pupilId: string, pointId: string) => {
    const v = values.find((x) => x.pupil_id === pupilId && x.assessment_point_id === pointId);
    return v ? Number(v.value) : null;
  };
  const scores = (ids: string[]): Array<PupilScores & { pupilId: string }> =>
    ids.map((id) => ({
      pupilId: id,
      name: nameOf.get(id) ?? "",
      before: at(id, from.id),
      after: at(id, to.id),
    }));
  const t = scores([...participantIds]);
  const c = query.comparison === "none" ? null : scores(comparisonPupils.map((p) => p.id));
  const coverage = periodCoverage(
    { id: from.id, startsOn: from.starts_on, endsOn: from.ends_on },
    { id: to.id, startsOn: to.starts_on, endsOn: to.ends_on },
    strategy.starts_on,
  );
  const result = evaluateStrategy({
    measureKind: measure.kind,
    periodWarning: strategy.starts_on
      ? coverageWarning(coverage, dateText(strategy.starts_on))
      : null,
    participants: t,
    comparison: c,
    comparisonLabel: COMPARISON_LABELS[query.comparison],
    higherIsBetter: measure.higher_is_better,
    costPounds: strategy.cost_pounds === null ? null : Number(strategy.cost_pounds),
    participantCount: participantIds.size,
    secondary: school.phase === "secondary" || school.phase === "all_through",
  });
  const label = (p: { name: string; academic_year: string }) => `${p.name} ${p.academic_year}`;
  const groups = [
    { label: "Participants", ...result.participants },
    ...(result.comparison
      ? [{ label: COMPARISON_LABELS[query.comparison], ...result.comparison }]
      : []),
  ];
  return {
    measure: { id: measure.id, name: measure.name, higherIsBetter: measure.higher_is_better },
    from: { id: from.id, label: label(from) },
    to: { id: to.id, label: label(to) },
    comparison: query.comparison,
    design: result.design,
    designKind: result.designKind,
    measureKind: measure.kind,
    groups,
    differenceInChange: result.differenceInChange,
    hedgesG: result.effect?.g ?? null,
    ciLow: result.effect?.ciLow ?? null,
    ciHigh: result.effect?.ciHigh ?? null,
    months: result.months,
    monthsLabel: result.monthsLabel,
    monthsText: result.monthsText,
    monthsNote: result.monthsNote,
    coverage,
    costPerPupil: result.costPerPupil,
    costRating: result.costRating,
    warnings: result.warnings.map((w) => ({ code: w.code, text: w.text })),
    pupils: [
      ...t.flatMap((p) =>
        p.before !== null && p.after !== null
          ? [
              {
                group: "participants" as const,
                pupilId: p.pupilId,
                name: p.name,
                before: p.before,
                after: p.after,
              },
            ]
          : [],
      ),
      ...(c ?? []).flatMap((p) =>
        p.before !== null && p.after !== null
          ? [
              {
                group: "comparison" as const,
                pupilId: p.pupilId,
                name: p.name,
                before: p.before,
                after: p.after,
              },
            ]
          : [],
      ),
    ],
    raw: result,
    periodEndsOn: to.ends_on,
  };
}
