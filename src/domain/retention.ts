/**
 * Retention (UK GDPR storage limitation, DP-5): how long Cascade keeps what it
 * holds, and when a programme year's pupil-level data falls due for deletion.
 *
 * A programme year's pupil-level data (observations, cohort places, strategy
 * participants, and a pupil's record once nothing else of theirs is kept) is
 * deleted `pupilDataYears` after the year ends: a year ending 2027-08-31 with a
 * two-year rule is deleted on 2029-09-01, the day after its second anniversary.
 * Audit records are kept `auditLogYears` from the day they were written. A legal
 * hold on a school or a programme year stops both the pupil-data deletion for it.
 */

export interface RetentionSettings {
  pupilDataYears: number;
  auditLogYears: number;
}

/** The ranges an administrator may choose from, and the defaults of a new network. */
export const RETENTION_LIMITS = {
  pupilDataYears: { min: 1, max: 10, default: 2 },
  auditLogYears: { min: 1, max: 20, default: 6 },
} as const;

export const DEFAULT_RETENTION: RetentionSettings = {
  pupilDataYears: RETENTION_LIMITS.pupilDataYears.default,
  auditLogYears: RETENTION_LIMITS.auditLogYears.default,
};

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The date `years` on from `date` ("YYYY-MM-DD"); 29 February lands on 28 February. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return iso(target, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/** The day after `date`. */
export function nextDay(date: string): string {
  const [y, m, d] = parts(date);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return iso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The day a programme year ending on `endsOn` has its pupil-level data deleted. */
export function pupilDataDeletionDate(endsOn: string, years: number): string {
  return nextDay(addYears(endsOn, years));
}

/**
 * The cut-off for a run on `today`: pupil-level data of a year that ended
 * before it (`endsOn < cutoff`) is past retention, i.e. its deletion date has come.
 */
export function pupilDataCutoff(today: string, years: number): string {
  return addYears(today, -years);
}

/** Whether a year ending on `endsOn` is past retention on `today`. */
export function isPastRetention(endsOn: string, today: string, years: number): boolean {
  return pupilDataDeletionDate(endsOn, years) <= today;
}

export type ScheduleStatus = "kept" | "due" | "held";

export interface ScheduleYear {
  programmeYearId: string;
  academicYear: string;
  endsOn: string;
  held: boolean;
}

export interface ScheduleEntry extends ScheduleYear {
  deletionDate: string;
  /** kept: its deletion date is still to come; due: the next daily run deletes it; held: a legal hold keeps it. */
  status: ScheduleStatus;
}

/** A school's retention schedule: each of its programme years and when its pupil data goes. */
export function retentionSchedule(
  years: readonly ScheduleYear[],
  options: { today: string; pupilDataYears: number; schoolHeld: boolean },
): { entries: ScheduleEntry[]; nextDeletionDate: string | null } {
  const entries = [...years]
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn))
    .map((year): ScheduleEntry => {
      const deletionDate = pupilDataDeletionDate(year.endsOn, options.pupilDataYears);
      const held = year.held || options.schoolHeld;
      const status: ScheduleStatus = held ? "held" : deletionDate <= options.today ? "due" : "kept";
      return { ...year, held, deletionDate, status };
    });
  const next = entries.find((e) => e.status !== "held");
  return {
    entries,
    nextDeletionDate: next ? (next.status === "due" ? options.today : next.deletionDate) : null,
  };
}

/** Whether a setting lies in its range (whole years). */
export function retentionSettingsProblems(settings: RetentionSettings): string[] {
  const problems: string[] = [];
  for (const key of ["pupilDataYears", "auditLogYears"] as const) {
    const { min, max } = RETENTION_LIMITS[key];
    const value = settings[key];
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${key} must be a whole number of years from ${min} to ${max}.`);
  }
  return problems;
}
