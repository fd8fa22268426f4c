import type { Kysely } from "kysely";
import type { z } from "zod";
import type {
  Action,
  actionInputSchema,
  actionUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { isActionOverdue } from "../../../domain/follow-up.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { foundOr, refuseBadReferences } from "../../references.ts";
import { actionPolicy } from "./policy.ts";

type ActionInput = z.infer<typeof actionInputSchema>;
type ActionUpdate = z.infer<typeof actionUpdateSchema>;

/** The school team an action belongs to. */
export interface TeamEnrolment {
  id: string;
  school_id: string;
  cluster_id: string;
}

/** An enrolment of one of the actor's own schools (404 for any other): actions are the team's own business. */
export async function ownEnrolment(
  db: Kysely<DB>,
  actor: Actor,
  enrolmentId: string,
): Promise<TeamEnrolment> {
  const row = await db
    .selectFrom("enrolments")
    .select(["id", "school_id", "cluster_id"])
    .where("id", "=", enrolmentId)
    .where("school_id", "in", inIds(schoolIdsOf(actor)))
    .executeTakeFirst();
  if (!row) throw new NotFound("enrolment");
  return row;
}

/** An action of one of the actor's own schools' teams, with its team; 404 for anyone else's. */
export async function actionInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom("actions")
    .innerJoin("enrolments", "enrolments.id", "actions.enrolment_id")
    .select([
      "actions.id",
      "actions.owner_user_id",
      "actions.created_by",
      "enrolments.id as enrolment_id",
      "enrolments.school_id",
      "enrolments.cluster_id",
    ])
    .where("actions.id", "=", id)
    .where("enrolments.school_id", "in", inIds(schoolIdsOf(actor)))
    .executeTakeFirst();
  if (!row) throw new NotFound("action");
  const enrolment: TeamEnrolment = {
    id: row.enrolment_id,
    school_id: row.school_id,
    cluster_id: row.cluster_id,
  };
  const facts = {
    schoolId: row.school_id,
    ownerUserId: row.owner_user_id,
    createdBy: row.created_by,
  };
  return { id: row.id, enrolment, facts };
}

/** Actions as the actor sees them, soonest due first, with whether each is overdue and whether they may change it. */
export async function presentActions(
  db: Kysely<DB>,
  actor: Actor,
  where: { enrolmentId?: string; ids?: string[] },
  today: string,
): Promise<Action[]> {
  const rows = await db
    .selectFrom("actions")
    .leftJoin("users", "users.id", "actions.owner_user_id")
    .leftJoin("workshop_tasks", "workshop_tasks.id", "actions.workshop_task_id")
    .leftJoin("workshops", "workshops.id", "workshop_tasks.workshop_id")
    .leftJoin("strategies", "strategies.id", "actions.strategy_id")
    .innerJoin("enrolments", "enrolments.id", "actions.enrolment_id")
    .select([
      "actions.id",
      "actions.enrolment_id",
      "enrolments.school_id",
      "actions.created_by",
      "actions.title",
      "actions.notes",
      "actions.owner_user_id",
      "users.name as owner_name",
      "actions.due_on",
      "actions.status",
      "actions.workshop_task_id",
      "workshop_tasks.title as task_title",
      "workshops.title as workshop_title",
      "actions.visit_id",
      "actions.strategy_id",
      "strategies.title as strategy_title",
      "actions.pupil_group",
    ])
    .$if(where.enrolmentId !== undefined, (q) =>
      q.where("actions.enrolment_id", "=", where.enrolmentId as string),
    )
    .$if(where.ids !== undefined, (q) => q.where("actions.id", "in", inIds(where.ids ?? [])))
    .orderBy("actions.due_on")
    .orderBy("actions.created_at")
    .execute();
  return rows.map((a) => ({
    id: a.id,
    enrolmentId: a.enrolment_id,
    title: a.title,
    notes: a.notes,
    owner: a.owner_user_id ? { id: a.owner_user_id, name: a.owner_name ?? "" } : null,
    dueOn: a.due_on,
    status: a.status,
    overdue: isActionOverdue({ status: a.status, dueOn: a.due_on }, today),
    workshopTask: a.workshop_task_id
      ? { id: a.workshop_task_id, title: a.task_title ?? "", workshopTitle: a.workshop_title ?? "" }
      : null,
    visitId: a.visit_id,
    strategy: a.strategy_id ? { id: a.strategy_id, title: a.strategy_title ?? "" } : null,
    pupilGroup: a.pupil_group,
    canEdit: actionPolicy.edit(actor, {
      schoolId: a.school_id,
      ownerUserId: a.owner_user_id,
      createdBy: a.created_by,
    }),
  }));
}

/**
 * What an action links to must be the team's: its owner on the school's team,
 * its task from one of the cluster's workshops, its strategy the school's own.
 * A 400 naming each field that is not.
 */
export async function checkLinks(
  db: Kysely<DB>,
  enrolment: TeamEnrolment,
  body: { ownerUserId?: string | null; workshopTaskId?: string | null; strategyId?: string | null },
): Promise<void> {
  await refuseBadReferences("The action links to things it cannot.", [
    {
      field: "ownerUserId",
      id: body.ownerUserId,
      problem: foundOr(
        (id) =>
          db
            .selectFrom("team_members")
            .select("id")
            .where("enrolment_id", "=", enrolment.id)
            .where("user_id", "=", id)
            .executeTakeFirst(),
        "The owner must be on the school's team.",
      ),
    },
    {
      field: "workshopTaskId",
      id: body.workshopTaskId,
      problem: foundOr(
        (id) =>
          db
            .selectFrom("workshop_tasks")
            .innerJoin("workshops", "workshops.id", "workshop_tasks.workshop_id")
            .select("workshop_tasks.id")
            .where("workshop_tasks.id", "=", id)
            .where("workshops.cluster_id", "=", enrolment.cluster_id)
            .executeTakeFirst(),
        "Choose a task from one of the cluster's workshops.",
      ),
    },
    {
      field: "strategyId",
      id: body.strategyId,
      problem: foundOr(
        (id) =>
          db
            .selectFrom("strategies")
            .select("id")
            .where("id", "=", id)
            .where("school_id", "=", enrolment.school_id)
            .executeTakeFirst(),
        "Choose one of the school's strategies.",
      ),
    },
  ]);
}

/** Adds an action to the team's list; one marked done is completed now. Returns its id. */
export async function insertAction(
  trx: Kysely<DB>,
  now: Date,
  enrolmentId: string,
  createdBy: string,
  b: ActionInput,
): Promise<string> {
  const row = await trx
    .insertInto("actions")
    .values({
      enrolment_id: enrolmentId,
      title: b.title,
      notes: b.notes ?? "",
      owner_user_id: b.ownerUserId ?? null,
      due_on: b.dueOn ?? null,
      status: b.status ?? "open",
      workshop_task_id: b.workshopTaskId ?? null,
      strategy_id: b.strategyId ?? null,
      pupil_group: b.pupilGroup ?? null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
      completed_at: b.status === "done" ? now : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes the fields given; a change of status sets (done) or clears when it was completed. */
export async function updateAction(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  b: ActionUpdate,
): Promise<void> {
  await trx
    .updateTable("actions")
    .set({
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.notes !== undefined ? { notes: b.notes } : {}),
      ...(b.ownerUserId !== undefined ? { owner_user_id: b.ownerUserId } : {}),
      ...(b.dueOn !== undefined ? { due_on: b.dueOn } : {}),
      ...(b.status !== undefined
        ? { status: b.status, completed_at: b.status === "done" ? now : null }
        : {}),
      ...(b.workshopTaskId !== undefined ? { workshop_task_id: b.workshopTaskId } : {}),
      ...(b.strategyId !== undefined ? { strategy_id: b.strategyId } : {}),
      ...(b.pupilGroup !== undefined ? { pupil_group: b.pupilGroup } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}
