/**
 * The programme year's calendar in Europe/London: turning a local date and time
 * into an instant (and back) across British Summer Time, suggesting workshop
 * dates from the programme's plan, and ordering what comes next.
 */
import { parseAcademicYear } from "./academic-year.ts";

export const TIME_ZONE = "Europe/London";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The London wall-clock reading of an instant: { date: "YYYY-MM-DD", time: "HH:MM" }. */
export function toLondon(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Three-letter month names, whatever a browser's ICU writes ("Sept" in newer en-GB). */
export const SHORT_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** A calendar date as people read it: "2026-11-28" → "28 Nov 2026". */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = date.slice(0, 10).split("-").map(Number);
  return `${day} ${SHORT_MONTHS[(month ?? 1) - 1] ?? ""} ${year}`;
}

/**
 * Today's date in Europe/London ("YYYY-MM-DD") by an injected clock. Every rule
 * that asks "has this begun?" or "is this due?" reads the day through here, so
 * a test can fix the clock and a server in UTC still turns the day at London
 * midnight, not at 00:00 UTC (an hour late in summer).
 */
export function today(clock: { now(): Date }): string {
  return toLondon(clock.now()).date;
}

/** Minutes London is ahead of UTC at an instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(instant: Date): number {
  const { date, time } = toLondon(instant);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a London date and time ("2027-03-29", "09:00"). In the hour
 * the clocks skip (01:00–02:00 on the last Sunday of March) the time does not
 * exist and is read as the same clock time in BST; in the hour that repeats in
 * October, the first (BST) reading is taken.
 */
export function londonToUtc(date: string, time: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
    throw new RangeError(`Not a date and time: ${date} ${time}`);
  }
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) throw new RangeError(`Not a date and time: ${date} ${time}`);
  // Try BST first (one hour ahead), then GMT: take the reading that comes back unchanged.
  for (const offset of [60, 0]) {
    const candidate = new Date(naive - offset * 60_000);
    const back = toLondon(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return new Date(naive - 60 * 60_000);
}

/** Whether an ISO date is a valid calendar date. */
export function isIsoDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    !Number.isNaN(d.getTime()) &&
    d.toISOString().slice(0, 10) === date
  );
}

/**
 * The date in an academic year ("2026/27") for a plan month (9 = September …
 * 7 = July): the given weekday (0 Sunday … 6 Saturday) of the given week of
 * that month. September to December fall in the first calendar year, January
 * to August in the second.
 */
export function planDate(
  academicYear: string,
  month: number,
  weekday = 2,
  week = 2,
): string | null {
  const year = parseAcademicYear(academicYear);
  if (!year.ok || month < 1 || month > 12) return null;
  const calendarYear = month >= 9 ? year.startYear : year.startYear + 1;
  const first = new Date(Date.UTC(calendarYear, month - 1, 1));
  const shift = (weekday - first.getUTCDay() + 7) % 7;
  const day = 1 + shift + (week - 1) * 7;
  const result = new Date(Date.UTC(calendarYear, month - 1, day));
  if (result.getUTCMonth() !== month - 1) return null;
  return result.toISOString().slice(0, 10);
}

/** Whether an instant falls within the academic year (1 September to 31 August, London time). */
export function inAcademicYear(academicYear: string, instant: Date): boolean {
  const year = parseAcademicYear(academicYear);
  if (!year.ok) return false;
  const { date } = toLondon(instant);
  return date >= year.startsOn && date <= year.endsOn;
}

export interface CalendarEvent {
  kind: "workshop" | "assessment-point" | "visit" | "action";
  id: string;
  title: string;
  /** An instant for timed events; a whole London day for dated ones. */
  startsAt: string | null;
  endsAt: string | null;
  date: string;
  detail: string;
}

/** Events from `today` (a London date) on, soonest first, then by title. */
export function upcoming(
  events: readonly CalendarEvent[],
  today: string,
  limit = 5,
): CalendarEvent[] {
  return events
    .filter((e) => e.date >= today)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.startsAt ?? "").localeCompare(b.startsAt ?? "") ||
        a.title.localeCompare(b.title),
    )
    .slice(0, limit);
}

/**
 * A month laid out as weeks from Monday to Sunday, as on a wall calendar: each
 * week is seven London dates ("2026-12-01"), with null for the days before the
 * 1st and after the last day of the month.
 */
export function monthWeeks(month: string): Array<Array<string | null>> {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  // getUTCDay: 0 is Sunday; Monday-first puts Sunday last.
  const lead = (new Date(Date.UTC(year, monthIndex, 1)).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= days; day++)
    cells.push(`${month.slice(0, 7)}-${String(day).padStart(2, "0")}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month before or after one ("2026-12", 1 → "2027-01"). */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
