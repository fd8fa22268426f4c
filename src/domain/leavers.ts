/**
 * Leavers on import: a pupil list that leaves out pupils on roll offers to mark
 * them as left. The offer is limited to the year groups the file holds, so a
 * file of one year group never offers everyone else; it is opt-in, never
 * automatic, and the leaving date must be one the school could mean: not in
 * the future, and not before the latest date Cascade knows the pupils were on
 * roll (an assessment point they have values at, or the day they joined the
 * target cohort), which would also drop data they have from the gap.
 */
import { formatCalendarDate } from "./calendar.ts";

export interface OnRollPupil {
  id: string;
  upn: string;
  yearGroup: string;
}

/**
 * The pupils on roll the file leaves out, among the year groups it holds.
 * `fileUpns` are every UPN the file names (even on rows with other problems),
 * `fileYearGroups` every year group it gives.
 */
export function leaversOf<P extends OnRollPupil>(
  onRoll: readonly P[],
  fileUpns: ReadonlySet<string>,
  fileYearGroups: ReadonlySet<string>,
): P[] {
  return onRoll.filter((p) => fileYearGroups.has(p.yearGroup) && !fileUpns.has(p.upn));
}

/** The latest date the pupils were known to be on roll, and why, or null when nothing says. */
export interface OnRollEvidence {
  on: string;
  /** e.g. "Ava Smith has values at Autumn 2 2026/27, which began on 1 Nov 2026" */
  because: string;
}

/** The latest of several pieces of evidence (null when there are none). */
export function latestEvidence(evidence: readonly OnRollEvidence[]): OnRollEvidence | null {
  let latest: OnRollEvidence | null = null;
  for (const e of evidence) if (!latest || e.on > latest.on) latest = e;
  return latest;
}

/**
 * What is wrong with a leaving date (YYYY-MM-DD, already a valid date), or null
 * when it will do. `today` is London's date.
 */
export function leavingDateProblem(
  leftOn: string,
  today: string,
  notBefore: OnRollEvidence | null,
): string | null {
  if (leftOn > today) {
    return `${formatCalendarDate(leftOn)} is in the future: a leaving date is today or earlier.`;
  }
  if (notBefore && leftOn < notBefore.on) {
    return `${notBefore.because}: choose a leaving date on or after ${formatCalendarDate(notBefore.on)}.`;
  }
  return null;
}
