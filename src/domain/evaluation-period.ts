/**
 * Which assessment points an evaluation compares, and whether they cover the
 * strategy. An evaluation is evidence about a strategy only when its "before"
 * point is at or before the strategy's start and its "after" point comes
 * later: the default follows that rule, a period that does not cover the
 * strategy carries a warning, and one that ends before the strategy began can
 * be neither shared nor used to widen its cascade stage. Used by the server
 * and the web app alike.
 */

export interface PeriodPoint {
  id: string;
  /** ISO dates of the point's window. */
  startsOn: string;
  endsOn: string;
}

/**
 * The default period: "before" is the last point with data that began on or
 * before the strategy's start, "after" the latest begun point with data since
 * the start. Without a start date (or without points on both sides) it falls
 * back to the latest two points with data, and the coverage check says so.
 */
export function defaultEvaluationPeriod<T extends PeriodPoint & { observationCount: number }>(
  points: readonly T[],
  strategyStartsOn: string | null,
  today: string,
): { from: string | null; to: string | null } {
  const withData = points
    .filter((p) => p.observationCount > 0 && p.startsOn <= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (strategyStartsOn) {
    const before = withData.filter((p) => p.startsOn <= strategyStartsOn).at(-1);
    const since = withData.filter((p) => p.startsOn > strategyStartsOn).at(-1);
    if (before && since) return { from: before.id, to: since.id };
    if (since) {
      const first = withData.find((p) => p.id !== since.id);
      return { from: first && first.startsOn < since.startsOn ? first.id : null, to: since.id };
    }
  }
  const to = withData.at(-1);
  return { from: withData.at(-2)?.id ?? null, to: to?.id ?? null };
}

export type PeriodCoverage =
  /** Before at or before the start, after later: the period covers the strategy. */
  | "covers"
  /** The strategy has no start date, so coverage cannot be checked. */
  | "unknown"
  /** The "after" point ends before the strategy began: not evidence about it at all. */
  | "ends-before-start"
  /** "Before" began after the strategy started: part of its effect is missed. */
  | "starts-after-start"
  /** "After" began on or before the start: the strategy has barely run in the period. */
  | "after-not-since-start";

export function periodCoverage(
  from: PeriodPoint,
  to: PeriodPoint,
  strategyStartsOn: string | null,
): PeriodCoverage {
  if (!strategyStartsOn) return "unknown";
  if (to.endsOn < strategyStartsOn) return "ends-before-start";
  if (from.startsOn > strategyStartsOn) return "starts-after-start";
  if (to.startsOn <= strategyStartsOn) return "after-not-since-start";
  return "covers";
}

/** The warning for a period that does not cover the strategy, or null when it does. */
export function coverageWarning(coverage: PeriodCoverage, startsOnText: string): string | null {
  switch (coverage) {
    case "ends-before-start":
      return `This period ends before the strategy began (${startsOnText}): it says nothing about the strategy, and cannot be shared or used as evidence for a change of stage.`;
    case "starts-after-start":
      return `The "before" point comes after the strategy began (${startsOnText}), so some of its effect may be missed: choose the last point before the start.`;
    case "after-not-since-start":
      return `The "after" point is not after the strategy began (${startsOnText}), so the strategy has barely run in this period: choose a later point.`;
    default:
      return null;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An ISO date as the app prints it: "10 Nov 2026". */
export function dateText(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1] ?? ""} ${y}`;
}

/**
 * The measure an evaluation uses by default: the strategy's success measure,
 * else the school's first core measure, else its first measure (in the
 * school's order). The strategy page and the cost comparison both start here.
 */
export function defaultEvaluationMeasure<T extends { id: string; core: boolean }>(
  measures: readonly T[],
  successMeasureId: string | null,
): T | undefined {
  return (
    measures.find((m) => m.id === successMeasureId) ?? measures.find((m) => m.core) ?? measures[0]
  );
}
