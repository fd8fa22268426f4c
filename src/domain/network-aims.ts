/**
 * The network's four aims as figures (issue 17): attainment of disadvantaged
 * pupils against national, the gap and its trend, the share of schools whose
 * gap narrowed, and the counts behind leadership capacity. Everything here
 * works from aggregates (counts per school and year), never from pupils. Pure.
 *
 * The gap here is the one the national figures publish: percentage points
 * between the share of other pupils and the share of disadvantaged pupils at
 * the expected standard (positive: disadvantaged pupils are behind).
 */
import { gapTrend, trendThreshold } from "./gap.ts";
import { latestFigure, type NationalStatus } from "./national-figures.ts";
import { type SmallRule, suppressBreakdown, tooSmallForFigures } from "./suppression.ts";

/** One school's end-of-year counts on a measure mapped to the national measure. */
export interface SchoolYearCounts {
  schoolId: string;
  hubId: string | null;
  academicYear: string;
  disadvantaged: number;
  disadvantagedAtExpected: number;
  other: number;
  otherAtExpected: number;
}

/** A school's figures for one year as shown: null where suppressed or unknown. */
export interface ShownShares {
  disadvantagedPct: number | null;
  otherPct: number | null;
  gap: number | null;
  suppressed: boolean;
}

const NONE: ShownShares = { disadvantagedPct: null, otherPct: null, gap: null, suppressed: true };

/** The share (0–100) of `n` at expected; null for an empty group. */
export function percentOf(atExpected: number, n: number): number | null {
  return n === 0 ? null : (atExpected / n) * 100;
}

/** Both shares and the percentage-point gap of a set of counts. */
export function sharesOf(counts: {
  disadvantaged: number;
  disadvantagedAtExpected: number;
  other: number;
  otherAtExpected: number;
}): Omit<ShownShares, "suppressed"> {
  const disadvantagedPct = percentOf(counts.disadvantagedAtExpected, counts.disadvantaged);
  const otherPct = percentOf(counts.otherAtExpected, counts.other);
  return {
    disadvantagedPct,
    otherPct,
    gap: disadvantagedPct === null || otherPct === null ? null : otherPct - disadvantagedPct,
  };
}

/** The sum of several schools' counts. */
export function addCounts(
  rows: readonly Omit<SchoolYearCounts, "schoolId" | "hubId" | "academicYear">[],
) {
  return rows.reduce(
    (sum, r) => ({
      disadvantaged: sum.disadvantaged + r.disadvantaged,
      disadvantagedAtExpected: sum.disadvantagedAtExpected + r.disadvantagedAtExpected,
      other: sum.other + r.other,
      otherAtExpected: sum.otherAtExpected + r.otherAtExpected,
    }),
    { disadvantaged: 0, disadvantagedAtExpected: 0, other: 0, otherAtExpected: 0 },
  );
}

export interface NestedCell {
  key: string;
  /** The hub the school is in; null for a school in no hub. */
  group: string | null;
  sizes: readonly number[];
}

export interface NestedDecision {
  /** Schools whose figures are not shown. */
  hidden: ReadonlySet<string>;
  /** Hubs whose total is not shown (the schools in no hub are one more group, keyed ""). */
  hiddenGroups: ReadonlySet<string>;
  /** Whether the network's total is not shown. */
  totalHidden: boolean;
}

const sums = (cells: readonly { sizes: readonly number[] }[], width: number) =>
  Array.from({ length: width }, (_, c) => cells.reduce((s, cell) => s + (cell.sizes[c] ?? 0), 0));

/** Some hidden cells whose sum could be worked out are a small group in some column. */
const revealsSmall = (hidden: readonly NestedCell[], width: number, small: SmallRule) =>
  hidden.length > 0 && sums(hidden, width).some(small);

/**
 * Small-number suppression for figures shown at three levels at once: each
 * school, each hub, and the whole network (a hub filter shows a hub's total;
 * no filter the network's). The school rows are decided against the network's
 * total and against each hub's total, and a school hidden by either is hidden;
 * then any total from which the hidden schools (or hidden hubs) could be
 * worked out as a small group by subtraction is hidden too. Hiding a total
 * never reveals anything, so the result is safe across every filter at once.
 */
export function suppressNested(
  cells: readonly NestedCell[],
  small: SmallRule = tooSmallForFigures,
): NestedDecision {
  const width = Math.max(0, ...cells.map((c) => c.sizes.length));
  const network = suppressBreakdown(cells, small);
  const groupKey = (c: NestedCell) => c.group ?? "";
  const groups = [...new Set(cells.map(groupKey))];
  const hidden = new Set(network.hidden);
  const groupHiddenFirst = new Set<string>();
  for (const g of groups) {
    const inGroup = cells.filter((c) => groupKey(c) === g);
    const decision = suppressBreakdown(inGroup, small);
    for (const key of decision.hidden) hidden.add(key);
    if (decision.totalHidden) groupHiddenFirst.add(g);
  }
  const hiddenGroups = new Set(groupHiddenFirst);
  for (const g of groups) {
    const hiddenInGroup = cells.filter((c) => groupKey(c) === g && hidden.has(c.key));
    if (revealsSmall(hiddenInGroup, width, small)) hiddenGroups.add(g);
  }
  // The network's total less the hubs shown gives back the hidden hubs together.
  const groupTotals = groups.map((g) => ({
    key: g,
    sizes: sums(
      cells.filter((c) => groupKey(c) === g),
      width,
    ),
  }));
  const totalHidden =
    network.totalHidden ||
    revealsSmall(
      cells.filter((c) => hidden.has(c.key)),
      width,
      small,
    ) ||
    (hiddenGroups.size > 0 &&
      (sums(
        groupTotals.filter((g) => hiddenGroups.has(g.key)),
        width,
      ).some(small) ||
        // ... and, less the shown schools in them, their hidden schools.
        revealsSmall(
          cells.filter((c) => hidden.has(c.key) && hiddenGroups.has(groupKey(c))),
          width,
          small,
        )));
  return { hidden, hiddenGroups, totalHidden };
}

export interface NationalRow {
  academicYear: string;
  status: NationalStatus;
  disadvantaged: number | null;
  other: number | null;
  gap: number | null;
}

/** The national figures of one year (the most settled release); null when none is published. */
export function nationalFor(figures: readonly NationalRow[], academicYear: string) {
  const row = latestFigure(figures.filter((f) => f.academicYear === academicYear));
  if (!row) return null;
  const gap =
    row.gap ??
    (row.disadvantaged !== null && row.other !== null ? row.other - row.disadvantaged : null);
  return { disadvantaged: row.disadvantaged, other: row.other, gap, status: row.status };
}

export interface AimsYear {
  academicYear: string;
  network: ShownShares;
  /** Each school's shares, by school id. */
  schools: Map<string, ShownShares>;
}

/**
 * Each year's figures for the schools in view (`hubId` null: the whole
 * network), with the suppression decided on the whole network's breakdown.
 */
export function attainmentByYear(
  counts: readonly SchoolYearCounts[],
  hubId: string | null,
): AimsYear[] {
  const years = [...new Set(counts.map((c) => c.academicYear))].sort();
  return years.map((academicYear) => {
    // In a fixed order: a tie between two cells must be broken the same way on
    // every request, or two answers together would show both.
    const ofYear = counts
      .filter((c) => c.academicYear === academicYear)
      .sort((a, b) => (a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0));
    const decision = suppressNested(
      ofYear.map((c) => ({
        key: c.schoolId,
        group: c.hubId,
        sizes: [c.disadvantaged, c.other],
      })),
    );
    const inView = hubId === null ? ofYear : ofYear.filter((c) => c.hubId === hubId);
    const viewHidden = hubId === null ? decision.totalHidden : decision.hiddenGroups.has(hubId);
    const schools = new Map<string, ShownShares>();
    for (const c of inView)
      schools.set(
        c.schoolId,
        decision.hidden.has(c.schoolId) ? NONE : { ...sharesOf(c), suppressed: false },
      );
    const network =
      inView.length === 0 || viewHidden
        ? NONE
        : { ...sharesOf(addCounts(inView)), suppressed: false };
    return { academicYear, network, schools };
  });
}

/** A change of gap on the percentage scale: narrowing, widening or stable (within 5 points). */
export function gapChange(from: number | null, to: number | null) {
  return gapTrend(
    [
      { pointId: "from", gap: from },
      { pointId: "to", gap: to },
    ],
    trendThreshold({ min: 0, max: 100 }),
  );
}

export interface ImprovingYear {
  academicYear: string;
  /** Schools whose gap is shown both this year and the year before. */
  schoolsCompared: number;
  schoolsNarrowed: number;
  /** The share (0–100) of the schools compared whose gap narrowed; null when none were compared. */
  sharePct: number | null;
}

/**
 * For each year after the first, the schools whose gap narrowed since the
 * year before (by {@link gapChange}), among those whose gap is shown in both
 * years: only shown figures go in, so the count gives nothing away.
 */
export function improvingByYear(years: readonly AimsYear[]): ImprovingYear[] {
  return years.slice(1).map((year, i) => {
    const before = years[i] as AimsYear;
    let compared = 0;
    let narrowed = 0;
    for (const [schoolId, now] of year.schools) {
      const then = before.schools.get(schoolId);
      if (!then || then.gap === null || now.gap === null) continue;
      compared += 1;
      if (gapChange(then.gap, now.gap) === "narrowing") narrowed += 1;
    }
    return {
      academicYear: year.academicYear,
      schoolsCompared: compared,
      schoolsNarrowed: narrowed,
      sharePct: compared === 0 ? null : (narrowed / compared) * 100,
    };
  });
}

/** A share (0–100) of a count; null when there is nothing to share. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** Rounded to one decimal place for a page, a CSV or a PDF (null stays null). */
export function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** A school's gap trend in words, for the page and the downloads. */
export const GAP_TREND_WORDS = {
  narrowing: "Narrowing",
  widening: "Widening",
  stable: "Stable",
  unknown: "Not known",
} as const;

/**
 * The years of workshop attendance and of leadership roles side by side: one
 * row a year that has either, oldest first, with nothing recorded as 0.
 */
export function capacityByYear(
  workshops: readonly {
    academicYear: string;
    recorded: number;
    present: number;
    attendancePct: number | null;
  }[],
  leadership: readonly { academicYear: string; teamLeaders: number; trioLeads: number }[],
) {
  const years = [...new Set([...workshops, ...leadership].map((y) => y.academicYear))].sort();
  return years.map((academicYear) => {
    const w = workshops.find((y) => y.academicYear === academicYear);
    const l = leadership.find((y) => y.academicYear === academicYear);
    return {
      academicYear,
      recorded: w?.recorded ?? 0,
      present: w?.present ?? 0,
      attendancePct: w?.attendancePct ?? null,
      teamLeaders: l?.teamLeaders ?? 0,
      trioLeads: l?.trioLeads ?? 0,
    };
  });
}
