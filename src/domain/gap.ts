/**
 * The disadvantage gap for one measure at one assessment point: how far
 * disadvantaged pupils are behind their peers, in the measure's units and in
 * standard deviations.
 */
import { isAtOrAboveExpected, type MeasureDefinition } from "./measures.ts";
import { anyGroupTooSmall, SMALLEST_SHOWN_GROUP } from "./suppression.ts";

export interface GroupSummary {
  n: number;
  /** Null when the group is empty. */
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** Percentage (0–100) at or above expected; null when the group is empty or there is no expected value. */
  pctAtExpected: number | null;
}

export interface GapResult {
  disadvantaged: GroupSummary;
  other: GroupSummary;
  /** Other mean − disadvantaged mean, flipped when higher is not better: positive means disadvantaged pupils are behind. */
  gap: number | null;
  /** The gap divided by the pooled standard deviation of both groups (n − 1 weights). */
  gapInSd: number | null;
  /** Either group has fewer than {@link MIN_GROUP_SIZE} pupils. */
  tooSmall: boolean;
}

export type GapTrend = "narrowing" | "widening" | "stable" | "unknown";

/**
 * Groups smaller than this are flagged as too small to draw conclusions from:
 * the same line as small-number suppression outside the school.
 */
export const MIN_GROUP_SIZE = SMALLEST_SHOWN_GROUP;

/** The default fraction of a measure's scale (max − min) below which a change in gap is "stable". */
export const STABLE_FRACTION = 0.05;

const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** Sum of squared deviations from the mean. */
function sumOfSquares(values: readonly number[], mean: number): number {
  return sum(values.map((value) => (value - mean) ** 2));
}

/** n, mean, sample SD and percentage at or above expected for one group. */
export function summariseGroup(
  values: number[],
  expected: number | null,
  atOrAbove: (v: number) => boolean | null,
): GroupSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, pctAtExpected: null };
  const mean = sum(values) / n;
  const sd = n < 2 ? null : Math.sqrt(sumOfSquares(values, mean) / (n - 1));
  const pctAtExpected =
    expected === null
      ? null
      : (values.filter((value) => atOrAbove(value) === true).length / n) * 100;
  return { n, mean, sd, pctAtExpected };
}

/**
 * The pooled SD of two groups: √((SS₁ + SS₂) / (n₁ + n₂ − 2)), i.e. each group's
 * variance weighted by n − 1. Null when there are fewer than 3 pupils in all or
 * every value is the same.
 */
export function pooledSd(a: readonly number[], b: readonly number[]): number | null {
  const degrees = a.length + b.length - 2;
  if (a.length === 0 || b.length === 0 || degrees < 1) return null;
  const squares = sumOfSquares(a, sum(a) / a.length) + sumOfSquares(b, sum(b) / b.length);
  const sd = Math.sqrt(squares / degrees);
  return sd > 0 ? sd : null;
}

/** The gap between disadvantaged pupils and the others on one measure. */
export function computeGap(
  disadvantaged: number[],
  other: number[],
  measure: MeasureDefinition,
): GapResult {
  const atOrAbove = (value: number) => isAtOrAboveExpected(measure, value);
  const dis = summariseGroup(disadvantaged, measure.expected, atOrAbove);
  const oth = summariseGroup(other, measure.expected, atOrAbove);
  let gap: number | null = null;
  if (dis.mean !== null && oth.mean !== null) {
    const difference = oth.mean - dis.mean;
    gap = measure.higherIsBetter || difference === 0 ? difference : -difference;
  }
  const pooled = pooledSd(disadvantaged, other);
  return {
    disadvantaged: dis,
    other: oth,
    gap,
    gapInSd: gap === null || pooled === null ? null : gap / pooled,
    tooSmall: anyGroupTooSmall(dis.n, oth.n),
  };
}

/** The threshold for {@link gapTrend} on a measure: {@link STABLE_FRACTION} of its scale. */
export function trendThreshold(
  measure: Pick<MeasureDefinition, "min" | "max">,
  fraction: number = STABLE_FRACTION,
): number {
  return fraction * (measure.max - measure.min);
}

/**
 * Compares the first and last known gaps (in order given): a fall of at least
 * `threshold` is narrowing, a rise widening, anything smaller stable. Because a
 * positive gap means disadvantaged pupils are behind, a falling gap always means
 * they have gained on their peers. Fewer than two known gaps: unknown. Pass
 * `trendThreshold(measure)` as the threshold; the default suits a 0–1 scale.
 */
export function gapTrend(
  points: Array<{ pointId: string; gap: number | null }>,
  threshold: number = STABLE_FRACTION,
): GapTrend {
  const known = points.flatMap((point) => (point.gap === null ? [] : [point.gap]));
  const first = known[0];
  const last = known[known.length - 1];
  if (known.length < 2 || first === undefined || last === undefined) return "unknown";
  const change = last - first;
  if (Math.abs(change) < threshold) return "stable";
  return change < 0 ? "narrowing" : "widening";
}
