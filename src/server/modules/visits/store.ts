import type { Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Visit } from "../../../contracts/programme-year.ts";
import type { DB } from "../../../db/schema.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { clusterInScope } from "../workshops/store.ts";
import { visitAbilities, visitPolicy } from "./policy.ts";

/** A school's enrolment as visits see it: its cluster's lead and the school's own staff (404 otherwise). */
export async function enrolmentForVisits(db: Kysely<DB>, actor: Actor, enrolmentId: string) {
  const row = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["enrolments.id", "enrolments.school_id", "enrolments.cluster_id", "schools.name"])
    .where("enrolments.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row || !visitPolicy.view(actor, row)) throw new NotFound("enrolment");
  return row;
}

/**
 * The enrolment a visit is booked for, and its cluster if the actor can see it
 * (404 otherwise); whether they may book is the policy's.
 */
export async function enrolmentForBooking(db: Kysely<DB>, actor: Actor, enrolmentId: string) {
  const enrolment = await db
    .selectFrom("enrolments")
    .select(["id", "cluster_id"])
    .where("id", "=", enrolmentId)
    .executeTakeFirst();
  if (!enrolment) throw new NotFound("enrolment");
  const cluster = await clusterInScope(db, actor, enrolment.cluster_id);
  return { enrolment, cluster };
}

/** A visit with its school and cluster, if the actor can see it (404 otherwise). */
export async function visitInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom("school_visits")
    .innerJoin("enrolments", "enrolments.id", "school_visits.enrolment_id")
    .select([
      "school_visits.id",
      "school_visits.enrolment_id",
      "school_visits.visit_on",
      "enrolments.school_id",
      "enrolments.cluster_id",
    ])
    .where("school_visits.id", "=", id)
    .executeTakeFirst();
  if (!row || !visitPolicy.view(actor, row)) throw new NotFound("visit");
  return row;
}

export type VisitRow = Awaited<ReturnType<typeof visitInScope>>;

/** Visits with their school, who booked and who responded, and the actions agreed, in one query. */
function presentable(db: Kysely<DB>) {
  return db
    .selectFrom("school_visits")
    .innerJoin("enrolments", "enrolments.id", "school_visits.enrolment_id")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .leftJoin("users as responder", "responder.id", "school_visits.response_by")
    .leftJoin("users as booker", "booker.id", "school_visits.booked_by")
    .select((eb) => [
      "school_visits.id",
      "school_visits.enrolment_id",
      "school_visits.visit_on",
      "school_visits.strengths",
      "school_visits.challenges",
      "school_visits.questions",
      "school_visits.leader_response",
      "responder.name as response_by",
      "booker.name as booked_by",
      "schools.name as school_name",
      "enrolments.school_id",
      "enrolments.cluster_id",
      jsonArrayFrom(
        eb
          .selectFrom("actions")
          .select(["actions.id", "actions.title", "actions.due_on", "actions.status"])
          .whereRef("actions.visit_id", "=", "school_visits.id")
          .orderBy("actions.created_at"),
      ).as("actions"),
    ]);
}

type PresentableRow = Awaited<
  ReturnType<ReturnType<typeof presentable>["executeTakeFirstOrThrow"]>
>;

function toVisit(actor: Actor, v: PresentableRow): Visit {
  return {
    id: v.id,
    enrolmentId: v.enrolment_id,
    schoolName: v.school_name,
    visitOn: v.visit_on,
    strengths: v.strengths,
    challenges: v.challenges,
    questions: v.questions,
    leaderResponse: v.leader_response,
    responseBy: v.response_by,
    bookedBy: v.booked_by,
    actions: v.actions.map((a) => ({
      id: a.id,
      title: a.title,
      dueOn: a.due_on,
      status: a.status,
    })),
    ...visitAbilities(actor, v),
  };
}

/** One visit as the actor sees it (already loaded within scope). */
export async function presentVisit(
  db: Kysely<DB>,
  actor: Actor,
  visit: { id: string },
): Promise<Visit> {
  const row = await presentable(db)
    .where("school_visits.id", "=", visit.id)
    .executeTakeFirstOrThrow();
  return toVisit(actor, row);
}

/** A school's visits, newest first (the enrolment already loaded within scope). */
export async function listVisits(
  db: Kysely<DB>,
  actor: Actor,
  enrolment: { id: string },
): Promise<Visit[]> {
  const rows = await presentable(db)
    .where("school_visits.enrolment_id", "=", enrolment.id)
    .orderBy("school_visits.visit_on", "desc")
    .execute();
  return rows.map((row) => toVisit(actor, row));
}

export function insertVisit(
  trx: Kysely<DB>,
  now: Date,
  values: { enrolmentId: string; visitOn: string; bookedBy: string },
) {
  return trx
    .insertInto("school_visits")
    .values({
      enrolment_id: values.enrolmentId,
      visit_on: values.visitOn,
      booked_by: values.bookedBy,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** What the lead recorded: the fields given, and each agreed action added to the team's list. */
export interface VisitRecord {
  visitOn?: string;
  strengths?: string;
  challenges?: string;
  questions?: string;
  agreedActions?: { title: string; dueOn?: string | null }[];
}

export async function saveVisitRecord(
  trx: Kysely<DB>,
  now: Date,
  visit: VisitRow,
  b: VisitRecord,
  actorId: string,
): Promise<void> {
  await trx
    .updateTable("school_visits")
    .set({
      ...(b.visitOn !== undefined ? { visit_on: b.visitOn } : {}),
      ...(b.strengths !== undefined ? { strengths: b.strengths } : {}),
      ...(b.challenges !== undefined ? { challenges: b.challenges } : {}),
      ...(b.questions !== undefined ? { questions: b.questions } : {}),
      updated_at: now,
    })
    .where("id", "=", visit.id)
    .execute();
  for (const agreed of b.agreedActions ?? []) {
    await trx
      .insertInto("actions")
      .values({
        enrolment_id: visit.enrolment_id,
        title: agreed.title,
        due_on: agreed.dueOn ?? null,
        visit_id: visit.id,
        created_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

export async function saveVisitResponse(
  trx: Kysely<DB>,
  now: Date,
  visit: { id: string },
  response: string,
  actorId: string,
): Promise<void> {
  await trx
    .updateTable("school_visits")
    .set({ leader_response: response, response_by: actorId, response_at: now, updated_at: now })
    .where("id", "=", visit.id)
    .execute();
}
