/**
 * What has slipped and needs following up: actions past their due date and
 * school visits whose record waits for the school's response. One home for
 * both rules, so the team's own list, the cluster's progress and the
 * programme lead's week agree on what counts.
 *
 * Dates are London calendar dates ("YYYY-MM-DD"), today read through
 * `today(clock)` in `calendar.ts`.
 */
import { isRecordOpen } from "./record-window.ts";

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Math.round((end - start) / DAY_MS);
}

/** An action is overdue from the day after its due date until it is done; with no due date, never. */
export function isActionOverdue(
  action: { status: string; dueOn: string | null },
  today: string,
): boolean {
  return action.status !== "done" && action.dueOn !== null && action.dueOn.slice(0, 10) < today;
}

/** How many days an overdue action is past its due date (0 when it is not overdue). */
export function daysOverdue(
  action: { status: string; dueOn: string | null },
  today: string,
): number {
  return isActionOverdue(action, today) && action.dueOn ? daysBetween(action.dueOn, today) : 0;
}

export interface VisitRecordState {
  visitOn: string;
  strengths: string;
  challenges: string;
  questions: string;
  /** How many actions were agreed at the visit. */
  agreedActions: number;
  leaderResponse: string | null;
}

/** The lead has written the visit's record: any of its notes, or actions agreed at it. */
export function isVisitRecordWritten(visit: VisitRecordState): boolean {
  return (
    [visit.strengths, visit.challenges, visit.questions].some((x) => x.trim() !== "") ||
    visit.agreedActions > 0
  );
}

/**
 * A visit awaits the school's response once it has happened (records open on
 * its day) and its record is written, until one of the school's leaders responds.
 */
export function awaitsSchoolResponse(visit: VisitRecordState, today: string): boolean {
  return (
    isRecordOpen(visit.visitOn, today) &&
    isVisitRecordWritten(visit) &&
    (visit.leaderResponse ?? "").trim() === ""
  );
}
