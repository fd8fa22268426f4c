import { parseAcademicYear } from "./academic-year.ts";

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
