import type { Kysely } from "kysely";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import type { Actor } from "../../context.ts";
import type { CalendarReach } from "./policy.ts";

/** A range of London dates, both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

/** The clusters whose workshops reach the calendar: those led, and those the actor's schools are enrolled in. */
async function workshopClusters(db: Kysely<DB>, reach: CalendarReach): Promise<string[]> {
  const enrolled = reach.schoolIds.length
    ? await db
        .selectFrom("enrolments")
        .select("cluster_id")
        .where("school_id", "in", reach.schoolIds)
        .execute()
    : [];
  return [...new Set([...reach.ledClusterIds, ...enrolled.map((e) => e.cluster_id)])];
}

/** Workshops starting in the range (a day's grace past its end, for London's clock), with their cluster's name. */
export async function workshopsIn(db: Kysely<DB>, reach: CalendarReach, range: DateRange) {
  const clusters = reach.everyWorkshop ? [] : await workshopClusters(db, reach);
  if (!reach.everyWorkshop && clusters.length === 0) return [];
  return db
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
    .$if(!reach.everyWorkshop, (q) => q.where("workshops.cluster_id", "in", inIds(clusters)))
    .where("workshops.starts_at", ">=", new Date(`${range.from}T00:00:00Z`))
    .where(
      "workshops.starts_at",
      "<",
      new Date(Date.parse(`${range.to}T00:00:00Z`) + 2 * 86_400_000),
    )
    .execute();
}

/** The actor's schools' assessment points ending in the range. */
export async function assessmentPointsIn(db: Kysely<DB>, reach: CalendarReach, range: DateRange) {
  if (reach.schoolIds.length === 0) return [];
  return db
    .selectFrom("assessment_points")
    .innerJoin("schools", "schools.id", "assessment_points.school_id")
    .select([
      "assessment_points.id",
      "assessment_points.name",
      "assessment_points.ends_on",
      "schools.name as school",
    ])
    .where("assessment_points.school_id", "in", reach.schoolIds)
    .where("assessment_points.ends_on", ">=", range.from)
    .where("assessment_points.ends_on", "<=", range.to)
    .execute();
}

/** The actor's schools' teams' actions not done yet and due in the range. */
export async function openActionsDueIn(db: Kysely<DB>, reach: CalendarReach, range: DateRange) {
  if (reach.schoolIds.length === 0) return [];
  return db
    .selectFrom("actions")
    .innerJoin("enrolments", "enrolments.id", "actions.enrolment_id")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["actions.id", "actions.title", "actions.due_on", "schools.name as school"])
    .where("enrolments.school_id", "in", reach.schoolIds)
    .where("actions.status", "!=", "done")
    .where("actions.due_on", "is not", null)
    .where("actions.due_on", ">=", range.from)
    .where("actions.due_on", "<=", range.to)
    .execute();
}

/** Programme leads' visits in the range to the actor's schools or to schools of the clusters they lead. */
export async function visitsIn(db: Kysely<DB>, reach: CalendarReach, range: DateRange) {
  const { schoolIds, ledClusterIds } = reach;
  if (schoolIds.length === 0 && ledClusterIds.length === 0) return [];
  return db
    .selectFrom("school_visits")
    .innerJoin("enrolments", "enrolments.id", "school_visits.enrolment_id")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["school_visits.id", "school_visits.visit_on", "schools.name as school"])
    .where((eb) =>
      eb.or([
        ...(schoolIds.length ? [eb("enrolments.school_id", "in", schoolIds)] : []),
        ...(ledClusterIds.length ? [eb("enrolments.cluster_id", "in", ledClusterIds)] : []),
      ]),
    )
    .where("school_visits.visit_on", ">=", range.from)
    .where("school_visits.visit_on", "<=", range.to)
    .execute();
}

/** What a person's settings page shows. */
export interface Settings {
  remindersEnabled: boolean;
  calendarFeed: boolean;
}

const settingsOf = (row: {
  reminders_enabled: boolean;
  calendar_token_hash: string | null;
}): Settings => ({
  remindersEnabled: row.reminders_enabled,
  calendarFeed: row.calendar_token_hash !== null,
});

export async function settingsOfUser(db: Kysely<DB>, userId: string): Promise<Settings> {
  const row = await db
    .selectFrom("users")
    .select(["reminders_enabled", "calendar_token_hash"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return settingsOf(row);
}

export async function setReminders(
  trx: Kysely<DB>,
  userId: string,
  enabled: boolean,
): Promise<Settings> {
  const row = await trx
    .updateTable("users")
    .set({ reminders_enabled: enabled })
    .where("id", "=", userId)
    .returning(["reminders_enabled", "calendar_token_hash"])
    .executeTakeFirstOrThrow();
  return settingsOf(row);
}

/** Gives the user's feed a new secret address (only its digest is kept): any earlier one stops working. */
export async function setFeedToken(trx: Kysely<DB>, userId: string, tokenHash: string) {
  await trx
    .updateTable("users")
    .set({ calendar_token_hash: tokenHash })
    .where("id", "=", userId)
    .execute();
}

/** Switches the user's feed off; says whether it was on. */
export async function clearFeedToken(
  trx: Kysely<DB>,
  userId: string,
): Promise<{ settings: Settings; wasOn: boolean }> {
  const before = await trx
    .selectFrom("users")
    .select("calendar_token_hash")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const row = await trx
    .updateTable("users")
    .set({ calendar_token_hash: null })
    .where("id", "=", userId)
    .returning(["reminders_enabled", "calendar_token_hash"])
    .executeTakeFirstOrThrow();
  return { settings: settingsOf(row), wasOn: before.calendar_token_hash !== null };
}

/**
 * The person whose feed has this secret address, as an actor with their
 * memberships (none still waiting for approval); undefined when no one's feed
 * has it or its owner is disabled.
 */
export async function feedOwner(db: Kysely<DB>, tokenHash: string): Promise<Actor | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at"])
    .where("calendar_token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!user || user.disabled_at !== null) return undefined;
  const memberships = await db
    .selectFrom("memberships")
    .select(["role", "scope_type", "scope_id"])
    .where("user_id", "=", user.id)
    .where("pending", "=", false)
    .execute();
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    sessionId: "",
    memberships: memberships.map((m) => ({
      role: m.role,
      scopeType: m.scope_type,
      scopeId: m.scope_id,
    })),
  };
}
