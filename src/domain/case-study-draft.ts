import type { CascadeStage } from "./cascade-stage.ts";
import { COST_BANDS, costRating } from "./data/eef-strands.ts";
import {
  type Design,
  describeMonths,
  MONTHS_CONVERSION,
  monthsApply,
} from "./statistics/months.ts";
import { anyGroupTooSmall, countOrSuppressed, tooSmallForFigures } from "./suppression.ts";

/**
 * A case study's facts (issue 16), drafted from a strategy's record: the
 * challenge and who it was for, what was done, what the data showed, the
 * decision and the cascade stage reached. The input holds aggregates only
 * (counts, group means, an effect size and its interval), so no pupil-level row
 * can enter; any count of 5 or fewer, and every figure about such a group, is
 * left out (suppression.ts). Months' progress appear only where the design
 * allows them (months.ts: monthsApply).
 */

/** One group of an evaluation, as aggregates. */
export interface CaseStudyGroupInput {
  label: string;
  n: number;
  meanBefore: number | null;
  meanAfter: number | null;
  /** Pupils of the group without a value at one of the points. */
  missing: number;
}

export interface CaseStudySource {
  title: string;
  theme: { key: string; name: string } | null;
  strand: {
    key: string;
    name: string;
    months: number | null;
    cost: number | null;
    evidence: number | null;
  } | null;
  /** The school's phase (primary, secondary, special, all_through). */
  phase: string;
  /** How many pupils took part (a count only). */
  participants: number;
  yearGroups: readonly string[];
  startsOn: string | null;
  endsOn: string | null;
  sessionsPerWeek: number | null;
  minutesPerSession: number | null;
  costPounds: number | null;
  cascadeStage: CascadeStage;
  evaluation: {
    measureName: string;
    measureKind: string;
    fromLabel: string;
    toLabel: string;
    /** The comparison group in words, or null for before-and-after only. */
    comparisonLabel: string | null;
    designKind: Design;
    /** Participants first, then the comparison group if there is one. */
    groups: readonly CaseStudyGroupInput[];
    g: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    /** The evaluation's warnings (code and plain words). */
    warnings: ReadonlyArray<{ code: string; text: string }>;
    /** The school is secondary or all-through: the Toolkit's months may understate. */
    secondary: boolean;
  };
  /** The latest review's decision, already cleaned of pupils' names. */
  decision: { reviewedOn: string; text: string } | null;
}

export interface CaseStudyFacts {
  version: 1;
  challenge: {
    theme: string | null;
    phase: string;
    yearGroups: string[];
    yearGroupsText: string;
    /** Null when 1 to 5 pupils took part. */
    cohortSize: number | null;
    cohortText: string;
  };
  done: {
    sessionsPerWeek: number | null;
    minutesPerSession: number | null;
    doseText: string | null;
    startsOn: string | null;
    endsOn: string | null;
    weeks: number | null;
    durationText: string | null;
    costPerPupil: number | null;
    costBand: { level: number; label: string } | null;
    strand: {
      key: string;
      name: string;
      months: number | null;
      cost: number | null;
      evidence: number | null;
      headline: string;
    } | null;
  };
  data: {
    measureName: string;
    measureKind: string;
    period: string;
    designKind: Design;
    designText: string;
    comparison: string | null;
    nParticipants: number | null;
    nComparison: number | null;
    g: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    effectText: string;
    months: number | null;
    monthsText: string | null;
    monthsNote: string | null;
    /** Group means before and after, for the chart; null where the group is too small. */
    series: Array<{ label: string; before: number | null; after: number | null }>;
    /** Figures were left out because a group had 5 or fewer pupils. */
    suppressed: boolean;
    warnings: string[];
  };
  decision: { reviewedOn: string; text: string } | null;
  stage: CascadeStage;
  /** Words the library's text search reads (strand, theme, year groups, design). */
  searchText: string;
}

const PHASE_WORDS: Record<string, string> = {
  primary: "primary",
  secondary: "secondary",
  special: "special",
  all_through: "all-through",
};

/** "Year 5", "Years 5 and 6", "Reception and Year 1". */
export function yearGroupsText(groups: readonly string[]): string {
  const sorted = [...groups].sort((a, b) => yearOrder(a) - yearOrder(b));
  const named = sorted.map((g) => (/^\d+$/u.test(g) ? g : g === "R" ? "Reception" : g));
  const numeric = named.filter((g) => /^\d+$/u.test(g));
  const other = named.filter((g) => !/^\d+$/u.test(g));
  const years =
    numeric.length === 0
      ? []
      : [`${numeric.length === 1 ? "Year" : "Years"} ${listWords(numeric)}`];
  return listWords([...other, ...years]) || "No year group recorded";
}

const yearOrder = (g: string) => (g === "R" || g === "N" ? -1 : Number(g) || 99);

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const signed = (x: number) => (x < 0 ? `−${Math.abs(x).toFixed(2)}` : x.toFixed(2));

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Sorts the count-carrying warnings so that no count of 1 to 5 pupils is given. */
function safeWarning(
  w: { code: string; text: string },
  groups: readonly CaseStudyGroupInput[],
): string {
  const groupWord = (i: number) => (i === 0 ? "participants" : "comparison group");
  if (w.code === "small-group") {
    const i = groups.findIndex((g) => w.text.includes(`${g.n} pupil`));
    const g = groups[i];
    if (g && tooSmallForFigures(g.n))
      return `Fewer than 6 pupils in the ${groupWord(i)} had values at both points, so the result could easily be chance and its figures are not shown.`;
  }
  if (w.code === "missing-data") {
    const i = groups.findIndex((g) => g.missing > 0 && w.text.includes(`${g.missing} pupil`));
    const g = groups[i];
    if (g && countOrSuppressed(g.missing) === null)
      return `A few pupils in the ${groupWord(i)} lacked a value at one of the points and were left out.`;
  }
  return w.text;
}

/** The facts of a case study from a strategy's aggregate record. */
export function buildCaseStudyFacts(source: CaseStudySource): CaseStudyFacts {
  const e = source.evaluation;
  const cohortSize = countOrSuppressed(source.participants);
  const small = tooSmallForFigures(source.participants);

  const minutesPerWeek =
    source.sessionsPerWeek !== null && source.minutesPerSession !== null
      ? source.sessionsPerWeek * source.minutesPerSession
      : null;
  const doseText =
    source.sessionsPerWeek !== null && source.minutesPerSession !== null
      ? `${source.sessionsPerWeek} session${source.sessionsPerWeek === 1 ? "" : "s"} a week of ${source.minutesPerSession} minutes (${minutesPerWeek} minutes a week)`
      : source.sessionsPerWeek !== null
        ? `${source.sessionsPerWeek} session${source.sessionsPerWeek === 1 ? "" : "s"} a week`
        : null;
  const weeks =
    source.startsOn && source.endsOn
      ? Math.max(0, Math.round(daysBetween(source.startsOn, source.endsOn) / 7))
      : null;
  const durationText =
    weeks !== null
      ? `${weeks} week${weeks === 1 ? "" : "s"} (${source.startsOn} to ${source.endsOn})`
      : source.startsOn
        ? `Since ${source.startsOn}, still running`
        : null;
  // Cost per pupil is worked out from the number of pupils, so a small group hides it too.
  const costPerPupil =
    source.costPounds !== null && source.participants > 0 && !small
      ? round2(source.costPounds / source.participants)
      : null;
  const band = costPerPupil === null ? null : costRating(costPerPupil);

  const hidden = anyGroupTooSmall(...e.groups.map((g) => g.n));
  const g = hidden || e.g === null ? null : round2(e.g);
  const ciLow = g === null || e.ciLow === null ? null : round2(e.ciLow);
  const ciHigh = g === null || e.ciHigh === null ? null : round2(e.ciHigh);
  const applies = monthsApply({ design: e.designKind, measureKind: e.measureKind });
  const months = g !== null && applies ? describeMonths(g) : null;
  const monthsNote =
    g === null || applies
      ? null
      : e.designKind === "pre-post"
        ? "No months' progress: the EEF's months assume a comparison group, so a before-and-after result shows only the standardised change (g)."
        : `No months' progress: months are the EEF's scale for attainment, so this ${e.measureKind} measure shows its change in its own units and g.`;
  const interval =
    ciLow !== null && ciHigh !== null ? ` (95% CI ${signed(ciLow)} to ${signed(ciHigh)})` : "";
  const effectText =
    g === null
      ? hidden
        ? "Not shown: a group had 5 or fewer pupils."
        : "No effect size: the evaluation could not give one."
      : e.designKind === "comparison-group"
        ? `Hedges' g ${signed(g)}${interval} against ${e.comparisonLabel?.toLowerCase() ?? "a comparison group"}`
        : `Standardised change g ${signed(g)}${interval}, before and after only`;
  const warnings = [
    ...new Set([
      ...e.warnings.map((w) => safeWarning(w, e.groups)),
      ...(months && e.secondary ? [MONTHS_CONVERSION.note] : []),
    ]),
  ];

  const designText =
    e.designKind === "comparison-group"
      ? "Comparison group: participants' change against other pupils' over the same period"
      : "Before and after only: the weakest design, with no comparison group";
  const strand = source.strand
    ? {
        ...source.strand,
        headline: [
          source.strand.months === null
            ? "months not given"
            : `${source.strand.months >= 0 ? "+" : ""}${source.strand.months} months`,
          source.strand.cost === null
            ? null
            : `cost ${"£".repeat(source.strand.cost)} (${COST_BANDS[source.strand.cost - 1]?.label ?? ""})`,
          source.strand.evidence === null ? null : `evidence ${source.strand.evidence}/5`,
        ]
          .filter(Boolean)
          .join(", "),
      }
    : null;
  const yearText = yearGroupsText(source.yearGroups);
  const searchText = [
    source.strand?.name,
    source.theme?.name,
    yearText,
    PHASE_WORDS[source.phase] ?? source.phase,
    e.measureName,
    e.designKind === "comparison-group" ? "comparison group" : "before and after",
  ]
    .filter(Boolean)
    .join(" ");

  return {
    version: 1,
    challenge: {
      theme: source.theme?.name ?? null,
      phase: source.phase,
      yearGroups: [...source.yearGroups],
      yearGroupsText: yearText,
      cohortSize,
      cohortText:
        cohortSize === null
          ? `A small group (5 or fewer pupils) in ${yearText}`
          : `${cohortSize} pupil${cohortSize === 1 ? "" : "s"} in ${yearText}`,
    },
    done: {
      sessionsPerWeek: source.sessionsPerWeek,
      minutesPerSession: source.minutesPerSession,
      doseText,
      startsOn: source.startsOn,
      endsOn: source.endsOn,
      weeks,
      durationText,
      costPerPupil,
      costBand: band ? { level: band.level, label: band.label } : null,
      strand,
    },
    data: {
      measureName: e.measureName,
      measureKind: e.measureKind,
      period: `${e.fromLabel} to ${e.toLabel}`,
      designKind: e.designKind,
      designText,
      comparison: e.comparisonLabel,
      nParticipants: hidden ? countOrSuppressed(e.groups[0]?.n ?? 0) : (e.groups[0]?.n ?? null),
      nComparison:
        e.groups[1] === undefined
          ? null
          : hidden
            ? countOrSuppressed(e.groups[1].n)
            : e.groups[1].n,
      g,
      ciLow,
      ciHigh,
      effectText,
      months: months?.months ?? null,
      monthsText: months?.text ?? null,
      monthsNote,
      series: e.groups.map((grp) =>
        tooSmallForFigures(grp.n)
          ? { label: grp.label, before: null, after: null }
          : {
              label: grp.label,
              before: grp.meanBefore === null ? null : round2(grp.meanBefore),
              after: grp.meanAfter === null ? null : round2(grp.meanAfter),
            },
      ),
      suppressed: hidden || small,
      warnings,
    },
    decision: source.decision,
    stage: source.cascadeStage,
    searchText,
  };
}
