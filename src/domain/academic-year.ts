/** An academic year runs from 1 September to 31 August and is labelled like 2026/27. */

export type AcademicYearResult =
  | { ok: true; label: string; startYear: number; startsOn: string; endsOn: string }
  | { ok: false; reason: string };

const FIRST_START_YEAR = 2000;
const LAST_START_YEAR = 2099;

/** Separators accepted between the two years: slash, hyphen, en dash. */
const YEAR_PATTERN = /^(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The label of the academic year starting in September of `startYear`, e.g. 2026 → "2026/27". */
function labelFor(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/**
 * Reads an academic year written as 2026/27, 2026-27 or 2026/2027 (surrounding
 * whitespace allowed) and normalises it to the label 2026/27.
 */
export function parseAcademicYear(text: string): AcademicYearResult {
  const match = YEAR_PATTERN.exec(text.trim());
  if (!match) {
    return { ok: false, reason: "Write the academic year like 2026/27." };
  }
  const startYear = Number(match[1]);
  const second = match[2] ?? "";
  const followsOn =
    second.length === 4
      ? Number(second) === startYear + 1
      : Number(second) === (startYear + 1) % 100;
  if (!followsOn) {
    return {
      ok: false,
      reason: "Write the academic year like 2026/27: the second year follows the first.",
    };
  }
  if (startYear < FIRST_START_YEAR || startYear > LAST_START_YEAR) {
    return {
      ok: false,
      reason: `Write the academic year like 2026/27: the first year must be between ${FIRST_START_YEAR} and ${LAST_START_YEAR}.`,
    };
  }
  return {
    ok: true,
    label: labelFor(startYear),
    startYear,
    startsOn: `${startYear}-09-01`,
    endsOn: `${startYear + 1}-08-31`,
  };
}

/**
 * The label of the academic year (1 September – 31 August) containing a
 * YYYY-MM-DD date. Throws a RangeError if the date is not of that form.
 */
export function academicYearOf(date: string): string {
  const match = DATE_PATTERN.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new RangeError(`Expected a date written as YYYY-MM-DD, got "${date}".`);
  }
  return labelFor(month >= 9 ? year : year - 1);
}
