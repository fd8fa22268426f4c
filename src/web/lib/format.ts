import { SHORT_MONTHS } from "../../domain/calendar.ts";

const LONDON = "Europe/London";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "numeric",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: LONDON,
});

function londonParts(value: string | Date) {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(new Date(value)).map((p) => [p.type, p.value]),
  );
  return {
    day: Number(parts.day),
    month: SHORT_MONTHS[Number(parts.month) - 1] ?? "",
    year: parts.year ?? "",
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** `23 Nov 2026`, in Europe/London whatever the browser's zone. */
export function formatDate(value: string | Date): string {
  const { day, month, year } = londonParts(value);
  return `${day} ${month} ${year}`;
}

/** `23 Nov 2026, 14:05`, in Europe/London. */
export function formatDateTime(value: string | Date): string {
  const { day, month, year, time } = londonParts(value);
  return `${day} ${month} ${year}, ${time}`;
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** `September` for 9. */
export function monthName(month: number): string {
  return monthFormat.format(new Date(Date.UTC(2026, month - 1, 1)));
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** `Tue 8 Sep` for a London date (`2026-09-08`), for lists within one month or year. */
export function formatDay(date: string): string {
  const day = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  const weekday = WEEKDAYS[day.getUTCDay()] ?? "";
  return `${weekday} ${day.getUTCDate()} ${SHORT_MONTHS[day.getUTCMonth()] ?? ""}`;
}

/** `09:30`: the London clock time of an instant. */
export function formatTime(value: string | Date): string {
  return londonParts(value).time;
}

/** `Tue 8 Sep 2026, 09:30–15:30`: a timed event in London time. */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  const start = londonParts(startsAt);
  return `${formatDay(londonDate(startsAt))} ${start.year}, ${start.time}–${londonParts(endsAt).time}`;
}

/** The London date (`2026-11-23`) of an instant. */
export function londonDate(value: string | Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: LONDON }).format(new Date(value));
}
