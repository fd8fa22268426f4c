import ical from "ical-generator";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { type CalendarEvent, toLondon } from "../../../domain/calendar.ts";
import type { Actor } from "../../context.ts";
import { calendarReach } from "./policy.ts";
import {
  assessmentPointsIn,
  type DateRange,
  openActionsDueIn,
  visitsIn,
  workshopsIn,
} from "./store.ts";

/**
 * The programme year as one person sees it: their clusters' workshops, their
 * schools' assessment points and open actions, and the visits they make or
 * receive (who sees which is calendarPolicy's), in date order.
 */
export async function eventsFor(
  db: Kysely<DB>,
  actor: Actor,
  range: DateRange,
): Promise<CalendarEvent[]> {
  const reach = calendarReach(actor);
  const [workshops, points, actions, visits] = await Promise.all([
    workshopsIn(db, reach, range),
    assessmentPointsIn(db, reach, range),
    openActionsDueIn(db, reach, range),
    visitsIn(db, reach, range),
  ]);
  const events: CalendarEvent[] = [
    ...workshops.map((w) => ({
      kind: "workshop" as const,
      id: w.id,
      title: `Workshop: ${w.title}`,
      startsAt: w.starts_at.toISOString(),
      endsAt: w.ends_at.toISOString(),
      date: toLondon(w.starts_at).date,
      detail: [w.cluster, w.venue, w.online_link].filter(Boolean).join(" · "),
    })),
    ...points.map((p) => ({
      kind: "assessment-point" as const,
      id: p.id,
      title: `Data due: ${p.name}`,
      startsAt: null,
      endsAt: null,
      date: p.ends_on,
      detail: p.school,
    })),
    ...actions.map((a) => ({
      kind: "action" as const,
      id: a.id,
      title: `Action due: ${a.title}`,
      startsAt: null,
      endsAt: null,
      date: a.due_on ?? range.from,
      detail: a.school,
    })),
    ...visits.map((v) => ({
      kind: "visit" as const,
      id: v.id,
      title: `Programme lead's visit: ${v.school}`,
      startsAt: null,
      endsAt: null,
      date: v.visit_on,
      detail: v.school,
    })),
  ];
  return events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.startsAt ?? "").localeCompare(b.startsAt ?? "") ||
      a.title.localeCompare(b.title),
  );
}

/** The events as an iCalendar file. Timed events go out in UTC, which every calendar app turns into local time; days stay days. */
export function icalendarOf(events: readonly CalendarEvent[]): string {
  const calendar = ical({
    name: "Cascade",
    prodId: { company: "Cascade", product: "programme-calendar", language: "EN" },
  });
  for (const e of events) {
    const base = { id: `${e.kind}-${e.id}@cascade`, summary: e.title, description: e.detail };
    if (e.startsAt && e.endsAt) {
      calendar.createEvent({ ...base, start: new Date(e.startsAt), end: new Date(e.endsAt) });
    } else {
      calendar.createEvent({ ...base, start: new Date(`${e.date}T00:00:00Z`), allDay: true });
    }
  }
  return calendar.toString();
}
