/**
 * Records of something that happens on a day — a workshop's register and
 * summary, a visit's notes and the school's response, a strategy's reviews —
 * open on that day (in Europe/London), never before. Plans (dates, titles,
 * agendas) stay editable at any time; only what describes the event waits.
 */
import { formatCalendarDate } from "./calendar.ts";

/** Whether records for an event on `opensOn` may be kept on `today` (both London dates). No date: open. */
export function isRecordOpen(opensOn: string | null, today: string): boolean {
  return opensOn === null || opensOn.slice(0, 10) <= today;
}

/**
 * Null when open; otherwise the sentence that says when it opens, e.g.
 * "The register opens on 14 Jan 2027, the day of the workshop."
 */
export function recordClosedReason(
  /** `opens`: the subject and verb ("The register opens", "Reviews open"); `occasion`: "the day of the workshop". */
  record: { opens: string; opensOn: string | null; occasion: string },
  today: string,
): string | null {
  if (record.opensOn === null || isRecordOpen(record.opensOn, today)) return null;
  return `${record.opens} on ${formatCalendarDate(record.opensOn)}, ${record.occasion}.`;
}
