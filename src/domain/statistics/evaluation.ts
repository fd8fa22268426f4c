import { costRating } from "../data/eef-strands.ts";
import { summarise } from "./descriptive.ts";
import {
  baselineBalance,
  type EffectSize,
  prePostControl,
  standardisedMeanChange,
} from "./effect-size.ts";
import { MONTHS_CONVERSION, monthsFromEffectSize } from "./months.ts";

export interface PupilScores {
  name: string;
  before: number | null;
  after: number | null;
}

export interface GroupResult {
  n: number;
  meanBefore: number | null;
  sdBefore: number | null;
  meanAfter: number | null;
  sdAfter: number | null;
  change: number | null;
  missing: number;
}

export interface EvaluationWarning {
  code:
    | "small-group"
    | "not-comparable"
    | "caution"
    | "missing-data"
    | "no-comparison"
    | "too-few"
    | "secondary-months";
  text: string;
}

export interface EvaluationResult {
  design: string;
  participants: GroupResult;
  comparison: GroupResult | null;
  differenceInChange: number | null;
  effect: EffectSize | null;
  months: number | null;
  monthsLabel: string | null;
  costPerPupil: number | null;
  costRating: string | null;
  warnings: EvaluationWarning[];
}

/** Groups smaller than this make the result fragile, and the page says so. */
export const SMALL_GROUP = 10;

function group(pupils: readonly PupilScores[]) {
  const complete = pupils.filter(
    (p): p is PupilScores & { before: number; after: number } =>
      p.before !== null && p.after !== null,
  );
  const before = summarise(complete.map((p) => p.before));
  const after = summarise(complete.map((p) => p.after));
  const result: GroupResult = {
    n: complete.length,
    meanBefore: before.mean,
    sdBefore: before.sd,
    meanAfter: after.mean,
    sdAfter: after.sd,
    change: before.mean === null || after.mean === null ? null : after.mean - before.mean,
    missing: pupils.length - complete.length,
  };
  return { complete, before, after, result };
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * A strategy's evaluation on one measure between two points: each group's
 * summary, Hedges' g (Morris's pre–post–control with a comparison group, the
 * standardised mean change without one), months' progress, cost per pupil and
 * plain-English warnings. For a measure where lower is better, g is turned so
 * that a positive g always means participants did better.
 */
export function evaluateStrategy(input: {
  participants: readonly PupilScores[];
  comparison: readonly PupilScores[] | null;
  comparisonLabel: string;
  higherIsBetter: boolean;
  costPounds: number | null;
  participantCount: number;
  secondary: boolean;
}): EvaluationResult {
  const t = group(input.participants);
  const c = input.comparison ? group(input.comparison) : null;
  const warnings: EvaluationWarning[] = [];
  const paired = (g: typeof t) => ({
    pre: g.complete.map((p) => p.before),
    post: g.complete.map((p) => p.after),
  });

  let effect = c ? prePostControl(paired(t), paired(c)) : standardisedMeanChange(paired(t));
  if (effect && !input.higherIsBetter) {
    effect = { ...effect, g: -effect.g, ciLow: -effect.ciHigh, ciHigh: -effect.ciLow };
  }
  if (!c) {
    warnings.push({
      code: "no-comparison",
      text: "There is no comparison group, so this is only before and after: the weakest design. Pupils usually progress anyway; this cannot tell that progress from the strategy's.",
    });
  }
  for (const [label, g] of [
    ["participants", t] as const,
    ...(c ? [[input.comparisonLabel, c] as const] : []),
  ]) {
    if (g.result.n < SMALL_GROUP) {
      warnings.push({
        code: "small-group",
        text: `Only ${g.result.n} pupil${g.result.n === 1 ? "" : "s"} in the ${label === "participants" ? "participants" : "comparison group"} with values at both points: fewer than ${SMALL_GROUP}, so the result could easily be chance.`,
      });
    }
    if (g.result.missing > 0) {
      warnings.push({
        code: "missing-data",
        text: `${g.result.missing} pupil${g.result.missing === 1 ? "" : "s"} in the ${label === "participants" ? "participants" : "comparison group"} lacked a value at one of the points and ${g.result.missing === 1 ? "was" : "were"} left out.`,
      });
    }
  }
  if (c) {
    const balance = baselineBalance(t.before, c.before);
    if (balance?.balance === "not-comparable") {
      warnings.push({
        code: "not-comparable",
        text: `The groups started ${round(Math.abs(balance.difference))} SD apart, more than 0.25: they are not comparable, and the difference in change may reflect where they started.`,
      });
    } else if (balance?.balance === "caution") {
      warnings.push({
        code: "caution",
        text: `The groups started ${round(Math.abs(balance.difference))} SD apart (between 0.05 and 0.25): read the result with caution.`,
      });
    }
  }
  if (!effect) {
    warnings.push({
      code: "too-few",
      text: "Not enough pupils with values at both points (or no spread in their values) to compute an effect size.",
    });
  }
  const months = effect ? monthsFromEffectSize(effect.g) : null;
  if (months && input.secondary)
    warnings.push({ code: "secondary-months", text: MONTHS_CONVERSION.note });
  const costPerPupil =
    input.costPounds !== null && input.participantCount > 0
      ? input.costPounds / input.participantCount
      : null;
  return {
    design: c
      ? `Participants against a comparison group: ${input.comparisonLabel.toLowerCase()}. Effect size: Morris's pre–post–control Hedges' g.`
      : "Before and after for participants only. Effect size: the standardised mean change (Hedges' g).",
    participants: t.result,
    comparison: c?.result ?? null,
    differenceInChange:
      c && t.result.change !== null && c.result.change !== null
        ? t.result.change - c.result.change
        : null,
    effect,
    months: months?.months ?? null,
    monthsLabel: months?.label ?? null,
    costPerPupil,
    costRating: costPerPupil === null ? null : costRating(costPerPupil).label,
    warnings,
  };
}
