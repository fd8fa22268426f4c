import { parseAcademicYear } from "./academic-year.ts";
import { formatCalendarDate } from "./calendar.ts";

export interface PointDates {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** The six half-terms of an English school year; local authorities' dates differ by days, and schools can edit them. */
const HALF_TERMS: Array<{ name: string; start: [number, string]; end: [number, string] }> = [
  { name: "Autumn 1", start: [0, "09-01"], end: [0, "10-23"] },
  { name: "Autumn 2", start: [0, "11-02"], end: [0, "12-18"] },
  { name: "Spring 1", start: [1, "01-05"], end: [1, "02-12"] },
  { name: "Spring 2", start: [1, "02-22"], end: [1, "03-31"] },
  { name: "Summer 1", start: [1, "04-19"], end: [1, "05-21"] },
  { name: "Summer 2", start: [1, "06-01"], end: [1, "07-21"] },
];

/** The default assessment points for an academic year like "2026/27"; null when the year is not valid. */
export function defaultAssessmentPoints(academicYear: string): PointDates[] | null {
  const year = parseAcademicYear(academicYear);
  if (!year.ok) return null;
  return HALF_TERMS.map((t) => ({
    name: t.name,
    startsOn: `${year.startYear + t.start[0]}-${t.start[1]}`,
    endsOn: `${year.startYear + t.end[0]}-${t.end[1]}`,
  }));
}

/** The latest point that has begun by `today` (ISO date), or undefined. */
export function latestBegunPoint<T extends { startsOn: string }>(
  points: T[],
  today: string,
): T | undefined {
  return points
    .filter((p) => p.startsOn <= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .at(-1);
}

/** A point as the default-point rule sees it: when it starts, and how many pupils have a value at it. */
export interface PointFill {
  startsOn: string;
  /** Pupils with at least one value at the point. */
  pupilsWithData: number;
}

/**
 * Which point a page shows when the user has not chosen one.
 *
 * The rule: only points that have begun (starts on or before today in London)
 * count. Among them, take the best-filled one's number of pupils with data; the
 * default is the latest begun point holding values for at least half that many.
 * So one value typed early for the next half-term (or for a point that began
 * yesterday) does not pull every page onto a point with almost no data, and a
 * point that is being filled in takes over once it holds half of the usual data.
 * With no begun point holding data, the latest begun point (or, before any has
 * begun, the first point) is the default, and pages show their empty state.
 */
export function defaultPoint<T extends PointFill>(points: T[], today: string): T | undefined {
  const ordered = [...points].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const begun = ordered.filter((p) => p.startsOn <= today);
  const most = Math.max(0, ...begun.map((p) => p.pupilsWithData));
  if (most === 0) return begun.at(-1) ?? ordered[0];
  return begun.filter((p) => p.pupilsWithData * 2 >= most).at(-1);
}

/** Why a page is on the point it shows, in words for the page. */
export const DEFAULT_POINT_RULE =
  "The latest assessment point that has begun and holds values for at least half as many pupils as the best-filled one.";

/** Whether a point has begun by `today` (ISO date in Europe/London). */
export function hasBegun(point: { startsOn: string }, today: string): boolean {
  return point.startsOn <= today;
}

/**
 * Whether values may be recorded at a point today: from its start date, or
 * earlier when a school leader has opened it on purpose. Null when open;
 * otherwise the reason, in words for the grid and the import report.
 */
export function pointClosedReason(
  point: { name: string; academicYear: string; startsOn: string; openedEarly: boolean },
  today: string,
): string | null {
  if (point.openedEarly || hasBegun(point, today)) return null;
  return `${point.name} ${point.academicYear} begins on ${formatCalendarDate(point.startsOn)}: values for it can be recorded from that day, or a school leader can open it early on the measures page.`;
}
