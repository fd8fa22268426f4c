import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import {
  type Action,
  actionInputSchema,
  actionSchema,
  actionUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { toLondon } from "../../../domain/calendar.ts";
import { isActionOverdue } from "../../../domain/follow-up.ts";
import { SCHOOL_STAFF } from "../../access/pupil-data.ts";
import { isSchoolLeaderOf, schoolIdsOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { Forbidden, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";

/** An enrolment of one of the actor's own schools: actions are the team's own business. */
export async function ownEnrolment(db: Kysely<DB>, actor: Actor, enrolmentId: string) {
  const schools = schoolIdsOf(actor);
  const row = schools.length
    ? await db
        .selectFrom("enrolments")
        .select(["id", "school_id", "cluster_id"])
        .where("id", "=", enrolmentId)
        .where("school_id", "in", schools)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new NotFound("enrolment");
  return row;
}

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
    canEdit:
      a.owner_user_id === actor.userId ||
      a.created_by === actor.userId ||
      isSchoolLeaderOf(actor, a.school_id),
  }));
}

async function checkLinks(
  db: Kysely<DB>,
  enrolment: { id: string; school_id: string; cluster_id: string },
  body: { ownerUserId?: string | null; workshopTaskId?: string | null; strategyId?: string | null },
) {
  const errors: { field: string; message: string }[] = [];
  if (body.ownerUserId) {
    const member = await db
      .selectFrom("team_members")
      .select("id")
      .where("enrolment_id", "=", enrolment.id)
      .where("user_id", "=", body.ownerUserId)
      .executeTakeFirst();
    if (!member)
      errors.push({ field: "ownerUserId", message: "The owner must be on the school's team." });
  }
  if (body.workshopTaskId) {
    const task = await db
      .selectFrom("workshop_tasks")
      .innerJoin("workshops", "workshops.id", "workshop_tasks.workshop_id")
      .select("workshop_tasks.id")
      .where("workshop_tasks.id", "=", body.workshopTaskId)
      .where("workshops.cluster_id", "=", enrolment.cluster_id)
      .executeTakeFirst();
    if (!task)
      errors.push({
        field: "workshopTaskId",
        message: "Choose a task from one of the cluster's workshops.",
      });
  }
  if (body.strategyId) {
    const strategy = await db
      .selectFrom("strategies")
      .select("id")
      .where("id", "=", body.strategyId)
      .where("school_id", "=", enrolment.school_id)
      .executeTakeFirst();
    if (!strategy)
      errors.push({ field: "strategyId", message: "Choose one of the school's strategies." });
  }
  if (errors.length > 0)
    throw new ValidationProblem("The action links to things it cannot.", errors);
}

export async function actionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);
  const today = () => toLondon(deps.clock.now()).date;

  r.get(
    "/api/enrolments/:id/actions",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "The team's actions, soonest due first, with what is overdue",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: z.object({ items: z.array(actionSchema) }) },
      },
    },
    async (request) => {
      const enrolment = await ownEnrolment(deps.db, actorOf(request), request.params.id);
      return {
        items: await presentActions(
          deps.db,
          actorOf(request),
          { enrolmentId: enrolment.id },
          today(),
        ),
      };
    },
  );

  r.post(
    "/api/enrolments/:id/actions",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "Add an action for the team (e.g. from a workshop's follow-up)",
        params: z.strictObject({ id: z.uuid() }),
        body: actionInputSchema,
        response: { 201: actionSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const enrolment = await ownEnrolment(deps.db, actor, request.params.id);
      await checkLinks(deps.db, enrolment, request.body);
      const b = request.body;
      const id = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("actions")
          .values({
            enrolment_id: enrolment.id,
            title: b.title,
            notes: b.notes ?? "",
            owner_user_id: b.ownerUserId ?? null,
            due_on: b.dueOn ?? null,
            status: b.status ?? "open",
            workshop_task_id: b.workshopTaskId ?? null,
            strategy_id: b.strategyId ?? null,
            pupil_group: b.pupilGroup ?? null,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
            completed_at: b.status === "done" ? now : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "action.created",
          actorUserId: actor.userId,
          targetType: "action",
          targetId: row.id,
          ip: request.ip,
        });
        return row.id;
      });
      reply.code(201);
      const [action] = await presentActions(deps.db, actor, { ids: [id] }, today());
      return action as Action;
    },
  );

  r.patch(
    "/api/actions/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "Update an action: leaders any of the team's, others those they own or created",
        params: z.strictObject({ id: z.uuid() }),
        body: actionUpdateSchema,
        response: { 200: actionSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const current = await deps.db
        .selectFrom("actions")
        .selectAll()
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!current) throw new NotFound("action");
      const enrolment = await ownEnrolment(deps.db, actor, current.enrolment_id).catch(() => {
        throw new NotFound("action");
      });
      const mine = current.owner_user_id === actor.userId || current.created_by === actor.userId;
      if (!mine && !isSchoolLeaderOf(actor, enrolment.school_id))
        throw new Forbidden(
          "You can change the actions you own or created; leaders can change any.",
        );
      await checkLinks(deps.db, enrolment, request.body);
      const b = request.body;
      await deps.db.transaction().execute(async (trx) => {
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
          .where("id", "=", current.id)
          .execute();
        await recordAudit(trx, now, {
          action: "action.updated",
          actorUserId: actor.userId,
          targetType: "action",
          targetId: current.id,
          ip: request.ip,
          details: { status: b.status ?? null },
        });
      });
      const [action] = await presentActions(deps.db, actor, { ids: [current.id] }, today());
      return action as Action;
    },
  );
}
