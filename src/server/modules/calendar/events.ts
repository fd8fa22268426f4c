import type { Kysely } from "kysely";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { type CalendarEvent, toLondon } from "../../../domain/calendar.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * The programme year as one person sees it: their clusters' workshops, their
 * schools' assessment points and open actions, and the visits they make or receive.
 */
export async function eventsFor(
  db: Kysely<DB>,
  actor: Actor,
  range: { from: string; to: string },
): Promise<CalendarEvent[]> {
  const schools = schoolIdsOf(actor);
  const led = clusterIdsLedBy(actor);
  const enrolments = schools.length
    ? await db
        .selectFrom("enrolments")
        .select(["id", "cluster_id"])
        .where("school_id", "in", schools)
        .execute()
    : [];
  const clusters = [...new Set([...led, ...enrolments.map((e) => e.cluster_id)])];
  const fromInstant = new Date(`${range.from}T00:00:00Z`);
  const toInstant = new Date(Date.parse(`${range.to}T00:00:00Z`) + 2 * 86_400_000);
  const events: CalendarEvent[] = [];

  if (clusters.length > 0 || isNetworkAdmin(actor)) {
    const workshops = await db
      .selectFrom("workshops")
      .innerJoin("clusters", "clusters.id", "workshops.cluster_id")
      .select([
        "workshops.id",
        "workshops.title",
        "workshops.starts_at",
        "workshops.ends_at",
        "workshops.venue",
        "workshops.online_link",
        "clusters.name as cluster",
      ])
      .$if(!isNetworkAdmin(actor), (q) => q.where("workshops.cluster_id", "in", inIds(clusters)))
      .where("workshops.starts_at", ">=", fromInstant)
      .where("workshops.starts_at", "<", toInstant)
      .execute();
    for (const w of workshops) {
      events.push({
        kind: "workshop",
        id: w.id,
        title: `Workshop: ${w.title}`,
        startsAt: w.starts_at.toISOString(),
        endsAt: w.ends_at.toISOString(),
        date: toLondon(w.starts_at).date,
        detail: [w.cluster, w.venue, w.online_link].filter(Boolean).join(" · "),
      });
    }
  }
  if (schools.length > 0) {
    const points = await db
      .selectFrom("assessment_points")
      .innerJoin("schools", "schools.id", "assessment_points.school_id")
      .select([
        "assessment_points.id",
        "assessment_points.name",
        "assessment_points.ends_on",
        "schools.name as school",
      ])
      .where("assessment_points.school_id", "in", schools)
      .where("assessment_points.ends_on", ">=", range.from)
      .where("assessment_points.ends_on", "<=", range.to)
      .execute();
    for (const p of points) {
      events.push({
        kind: "assessment-point",
        id: p.id,
        title: `Data due: ${p.name}`,
        startsAt: null,
        endsAt: null,
        date: p.ends_on,
        detail: p.school,
      });
    }
    const actions = await db
      .selectFrom("actions")
      .innerJoin("enrolments", "enrolments.id", "actions.enrolment_id")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["actions.id", "actions.title", "actions.due_on", "schools.name as school"])
      .where("enrolments.school_id", "in", schools)
      .where("actions.status", "!=", "done")
      .where("actions.due_on", "is not", null)
      .where("actions.due_on", ">=", range.from)
      .where("actions.due_on", "<=", range.to)
      .execute();
    for (const a of actions) {
      events.push({
        kind: "action",
        id: a.id,
        title: `Action due: ${a.title}`,
        startsAt: null,
        endsAt: null,
        date: a.due_on ?? range.from,
        detail: a.school,
      });
    }
  }
  const visitEnrolments = [...enrolments.map((e) => e.id)];
  if (visitEnrolments.length > 0 || led.length > 0) {
    const visits = await db
      .selectFrom("school_visits")
      .innerJoin("enrolments", "enrolments.id", "school_visits.enrolment_id")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["school_visits.id", "school_visits.visit_on", "schools.name as school"])
      .where((eb) =>
        eb.or([
          ...(visitEnrolments.length
            ? [eb("school_visits.enrolment_id", "in", visitEnrolments)]
            : []),
          ...(led.length ? [eb("enrolments.cluster_id", "in", led)] : []),
        ]),
      )
      .where("school_visits.visit_on", ">=", range.from)
      .where("school_visits.visit_on", "<=", range.to)
      .execute();
    for (const v of visits) {
      events.push({
        kind: "visit",
        id: v.id,
        title: `Programme lead's visit: ${v.school}`,
        startsAt: null,
        endsAt: null,
        date: v.visit_on,
        detail: v.school,
      });
    }
  }
  return events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.startsAt ?? "").localeCompare(b.startsAt ?? "") ||
      a.title.localeCompare(b.title),
  );
}
