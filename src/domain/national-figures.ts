/**
 * National figures beside a school's own (DfE, England). Which published row
 * to show: the latest academic year, and within a year the most settled
 * release (final over revised over provisional). Pure: no I/O.
 *
 * The disadvantage gap index is a national, rank-based measure whose formula is
 * the DfE's; Cascade shows it as context only and never works one out for a school.
 */
export const NATIONAL_STATUSES = ["provisional", "revised", "final"] as const;
export type NationalStatus = (typeof NATIONAL_STATUSES)[number];

export const NATIONAL_UNITS = ["percent", "points", "index"] as const;
export type NationalUnit = (typeof NATIONAL_UNITS)[number];

const SETTLED: Record<NationalStatus, number> = { provisional: 0, revised: 1, final: 2 };

export interface DatedFigure {
  academicYear: string;
  status: NationalStatus;
}

/** The figure to show: latest year first, then the most settled release of that year. */
export function latestFigure<T extends DatedFigure>(figures: readonly T[]): T | null {
  let best: T | null = null;
  for (const f of figures) {
    if (
      best === null ||
      f.academicYear > best.academicYear ||
      (f.academicYear === best.academicYear && SETTLED[f.status] > SETTLED[best.status])
    )
      best = f;
  }
  return best;
}

/** "2024/25": four digits, a slash, and the next year's last two digits. */
export function isAcademicYear(text: string): boolean {
  const m = /^(\d{4})\/(\d{2})$/.exec(text);
  if (!m) return false;
  return (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** The range a national figure in this unit can take (percentages, Attainment 8 points, the gap index). */
export const UNIT_RANGE: Record<NationalUnit, { min: number; max: number; label: string }> = {
  percent: { min: 0, max: 100, label: "a percentage from 0 to 100" },
  points: { min: 0, max: 90, label: "points from 0 to 90" },
  index: { min: 0, max: 10, label: "an index from 0 to 10" },
};
