import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  planWorkshopSchema,
  taskInputSchema,
  workshopInputSchema,
  workshopSchema,
  workshopUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { londonToUtc, planDate, today, toLondon } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { workshopPolicy } from "./policy.ts";
import { refuseBeforeTheDay } from "./record-window.ts";
import {
  clusterInScope,
  insertTask,
  insertWorkshop,
  listWorkshops,
  planOfCluster,
  planWorkshopOf,
  presentWorkshop,
  seesCluster,
  updateWorkshop,
  workshopInScope,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

export async function workshopRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leads = anyOf("programme_lead");

  r.get(
    "/api/clusters/:id/workshops",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary:
          "The cluster's workshops, in date order, and the programme's plan they are scheduled from",
        params: idParams,
        response: {
          200: z.object({ items: z.array(workshopSchema), plan: z.array(planWorkshopSchema) }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!(await seesCluster(deps.db, actor, request.params.id))) throw new NotFound("cluster");
      const [rows, plan] = await Promise.all([
        listWorkshops(deps.db, actor, request.params.id),
        planOfCluster(deps.db, request.params.id),
      ]);
      return {
        items: rows.map(({ planWorkshopId: _, ...workshop }) => workshop),
        plan: plan.map((p) => ({
          id: p.id,
          position: p.position,
          month: p.month,
          title: p.title,
          focus: p.focus,
          theme: p.theme,
          suggestedDate: planDate(p.academic_year, p.month),
          scheduled: rows.filter((w) => w.planWorkshopId === p.id).length,
        })),
      };
    },
  );

  r.post(
    "/api/workshops",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary:
          "Schedule a workshop for a cluster (from the programme's plan, or one of the lead's own); date and times in London time",
        body: workshopInputSchema,
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const cluster = await clusterInScope(deps.db, actor, body.clusterId);
      authorize(
        workshopPolicy.schedule(actor, cluster),
        "Only the cluster's programme lead runs its workshops and visits.",
      );
      let plan: { id: string; title: string; focus: string; theme_id: string | null } | undefined;
      if (body.planWorkshopId) {
        plan = await planWorkshopOf(deps.db, body.planWorkshopId, cluster.programme_year_id);
        if (!plan)
          throw new ValidationProblem("Not a workshop of this programme's plan.", [
            { field: "planWorkshopId", message: "Choose one of the programme's workshops." },
          ]);
      }
      const title = body.title ?? plan?.title;
      if (!title)
        throw new ValidationProblem("Give the workshop a title.", [
          { field: "title", message: "Give the workshop a title, or choose one from the plan." },
        ]);
      const row = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertWorkshop(trx, {
            cluster_id: cluster.id,
            plan_workshop_id: plan?.id ?? null,
            title,
            focus: body.focus ?? plan?.focus ?? "",
            theme_id: plan?.theme_id ?? null,
            starts_at: londonToUtc(body.date, body.startTime),
            ends_at: londonToUtc(body.date, body.endTime),
            venue: body.venue ?? "",
            online_link: body.onlineLink ?? "",
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          }),
        (created) => ({
          action: "workshop.scheduled",
          targetType: "workshop",
          targetId: created.id,
        }),
      );
      reply.code(201);
      return presentWorkshop(deps.db, actor, row);
    },
  );

  r.get(
    "/api/workshops/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary: "A workshop with its materials and tasks",
        params: idParams,
        response: { 200: workshopSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentWorkshop(
        deps.db,
        actor,
        await workshopInScope(deps.db, actor, request.params.id),
      );
    },
  );

  r.patch(
    "/api/workshops/:id",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary: "Change a workshop, or write its summary afterwards",
        params: idParams,
        body: workshopUpdateSchema,
        response: { 200: workshopSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const current = await workshopInScope(deps.db, actor, request.params.id);
      authorize(
        workshopPolicy.edit(actor, current),
        "Only the cluster's programme lead changes its workshops.",
      );
      const body = request.body;
      const start = toLondon(current.starts_at);
      const end = toLondon(current.ends_at);
      const date = body.date ?? start.date;
      const startsAt = londonToUtc(date, body.startTime ?? start.time);
      const endsAt = londonToUtc(date, body.endTime ?? end.time);
      if (endsAt <= startsAt)
        throw new ValidationProblem("The workshop ends after it starts.", [
          { field: "endTime", message: "The workshop ends after it starts." },
        ]);
      if (body.summary !== undefined && body.summary.trim() !== "")
        refuseBeforeTheDay("the day of the workshop", "The summary opens", date, today(deps.clock));
      const row = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          updateWorkshop(trx, current.id, {
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.focus !== undefined ? { focus: body.focus } : {}),
            ...(body.venue !== undefined ? { venue: body.venue } : {}),
            ...(body.onlineLink !== undefined ? { online_link: body.onlineLink } : {}),
            ...(body.summary !== undefined
              ? { summary: body.summary, summary_by: actor.userId }
              : {}),
            starts_at: startsAt,
            ends_at: endsAt,
            updated_at: now,
          }),
        () => ({ action: "workshop.updated", targetType: "workshop", targetId: current.id }),
      );
      return presentWorkshop(deps.db, actor, row);
    },
  );

  r.post(
    "/api/workshops/:id/tasks",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary: "Set a pre-work or follow-up task for every team",
        params: idParams,
        body: taskInputSchema,
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      authorize(
        workshopPolicy.setTask(actor, workshop),
        "Only the cluster's programme lead sets tasks.",
      );
      await auditedChange(
        deps,
        actor,
        (trx) =>
          insertTask(trx, {
            workshop_id: workshop.id,
            kind: request.body.kind,
            title: request.body.title,
            description: request.body.description ?? "",
            due_on: request.body.dueOn ?? null,
          }),
        (task) => ({ action: "workshop.task_set", targetType: "workshop_task", targetId: task.id }),
      );
      reply.code(201);
      return presentWorkshop(deps.db, actor, workshop);
    },
  );
}
