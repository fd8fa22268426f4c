import { costRating } from "../data/eef-strands.ts";
import { summarise } from "./descriptive.ts";
import {
  baselineBalance,
  type EffectSize,
  prePostControl,
  roundTo,
  standardisedMeanChange,
} from "./effect-size.ts";
import { type Design, describeMonths, MONTHS_CONVERSION, monthsApply } from "./months.ts";

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
    | "below-minimum"
    | "no-spread"
    | "no-variance"
    | "period"
    | "secondary-months";
  text: string;
}

export interface EvaluationResult {
  design: string;
  designKind: Design;
  participants: GroupResult;
  comparison: GroupResult | null;
  differenceInChange: number | null;
  effect: EffectSize | null;
  /** Null whenever months do not apply (see monthsApply) or there is no usable g. */
  months: number | null;
  /** The EEF's impact label; null for a negative effect, which carries no praise word. */
  monthsLabel: string | null;
  /** The months in words ("Pupils made about 6 months' less progress…"), or null. */
  monthsText: string | null;
  /** Why there are no months, when there is an effect size but months do not apply. */
  monthsNote: string | null;
  costPerPupil: number | null;
  costRating: string | null;
  warnings: EvaluationWarning[];
}

/** Groups smaller than this make the result fragile, and the page says so. */
export const SMALL_GROUP = 10;

/**
 * The stated minimum for an effect size: with fewer pupils than this in a
 * group (with values at both points) the page shows the means and a warning,
 * but no g, interval or months.
 */
export const MIN_GROUP_FOR_EFFECT = 5;

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

const groupName = (label: string) =>
  label === "participants" ? "participants" : "comparison group";

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
  /** The measure's kind (attainment, attendance, behaviour, theme, other): months only for attainment. */
  measureKind: string;
  /** A warning about the period, when it does not cover the strategy (evaluation-period.ts). */
  periodWarning?: string | null;
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

  const designKind: Design = c ? "comparison-group" : "pre-post";
  const belowMinimum =
    t.result.n < MIN_GROUP_FOR_EFFECT || (c !== null && c.result.n < MIN_GROUP_FOR_EFFECT);
  let effect = belowMinimum
    ? null
    : c
      ? prePostControl(paired(t), paired(c))
      : standardisedMeanChange(paired(t));
  if (effect && !input.higherIsBetter) {
    effect = { ...effect, g: -effect.g, ciLow: -effect.ciHigh, ciHigh: -effect.ciLow };
  }
  if (input.periodWarning) warnings.push({ code: "period", text: input.periodWarning });
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
        text: `Only ${g.result.n} pupil${g.result.n === 1 ? "" : "s"} in the ${groupName(label)} with values at both points: fewer than ${SMALL_GROUP}, so the result could easily be chance.`,
      });
    }
    if (g.result.missing > 0) {
      warnings.push({
        code: "missing-data",
        text: `${g.result.missing} pupil${g.result.missing === 1 ? "" : "s"} in the ${groupName(label)} lacked a value at one of the points and ${g.result.missing === 1 ? "was" : "were"} left out.`,
      });
    }
  }
  if (c) {
    const balance = baselineBalance(t.before, c.before);
    if (balance?.balance === "not-comparable") {
      warnings.push({
        code: "not-comparable",
        text: `The groups started ${roundTo(Math.abs(balance.difference), 2).toFixed(2)} SD apart, more than 0.25: they are not comparable, and the difference in change may reflect where they started.`,
      });
    } else if (balance?.balance === "caution") {
      warnings.push({
        code: "caution",
        text: `The groups started ${roundTo(Math.abs(balance.difference), 2).toFixed(2)} SD apart (between 0.05 and 0.25): read the result with caution.`,
      });
    }
  }
  if (!effect) warnings.push(whyNoEffect(belowMinimum, t, c));
  const applies = monthsApply({ design: designKind, measureKind: input.measureKind });
  const months = effect && applies ? describeMonths(effect.g) : null;
  const monthsNote =
    !effect || applies
      ? null
      : designKind === "pre-post"
        ? "No months' progress: the EEF's months assume a comparison group, so a before-and-after result shows only the standardised change (g)."
        : `No months' progress: months are the EEF's scale for attainment, so this ${input.measureKind} measure shows its change in its own units and g.`;
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
    designKind,
    participants: t.result,
    comparison: c?.result ?? null,
    differenceInChange:
      c && t.result.change !== null && c.result.change !== null
        ? t.result.change - c.result.change
        : null,
    effect,
    months: months?.months ?? null,
    monthsLabel: months?.label ?? null,
    monthsText: months?.text ?? null,
    monthsNote,
    costPerPupil,
    costRating: costPerPupil === null ? null : costRating(costPerPupil).label,
    warnings,
  };
}

type Group = ReturnType<typeof group>;

/** Why there is no effect size, in plain words. */
function whyNoEffect(belowMinimum: boolean, t: Group, c: Group | null): EvaluationWarning {
  if (belowMinimum)
    return {
      code: "below-minimum",
      text: `Fewer than ${MIN_GROUP_FOR_EFFECT} pupils in a group have values at both points: too few for an effect size, so only the means are shown (no g, interval or months).`,
    };
  const groups = c ? [t, c] : [t];
  const flat = (sd: number | null) => sd === null || sd === 0;
  if (groups.every((g) => flat(g.before.sd)) || groups.every((g) => flat(g.after.sd)))
    return {
      code: "no-spread",
      text: "Every pupil had the same score at one of the points, so there is no spread to measure an effect against: no effect size can be given.",
    };
  if (groups.some((g) => g.result.n < 2))
    return {
      code: "too-few",
      text: "Not enough pupils with values at both points to compute an effect size.",
    };
  return {
    code: "no-variance",
    text: "No usable variance: every pupil's score changed in step (for example, all by the same amount), so the result has no honest interval and is not given as an effect size.",
  };
}
