import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import {
  type Visit,
  visitInputSchema,
  visitResponseSchema,
  visitSchema,
  visitUpdateSchema,
} from "../../../contracts/programme-year.ts";
import type { DB } from "../../../db/schema.ts";
import { today } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { authorize } from "../../access/authorize.ts";
import { isSchoolLeaderOf, leadsCluster, worksAtSchool } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, Forbidden, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { workshopPolicy } from "../workshops/policy.ts";
import { clusterInScope } from "../workshops/store.ts";

/** A school's enrolment as visits see it: its cluster's lead and the school's own staff. */
async function enrolmentForVisits(db: Kysely<DB>, actor: Actor, enrolmentId: string) {
  const row = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["enrolments.id", "enrolments.school_id", "enrolments.cluster_id", "schools.name"])
    .where("enrolments.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row || !(leadsCluster(actor, row.cluster_id) || worksAtSchool(actor, row.school_id)))
    throw new NotFound("enrolment");
  return row;
}

/** Refuses what describes a visit (its notes, agreed actions, the school's response) before its day. */
function refuseBeforeTheVisit(opens: string, visitOn: string, on: string): void {
  const reason = recordClosedReason(
    { opens, opensOn: visitOn, occasion: "the day of the visit" },
    on,
  );
  if (reason) throw new Conflict(reason, { opensOn: visitOn });
}

async function presentVisit(db: Kysely<DB>, actor: Actor, id: string): Promise<Visit> {
  const v = await db
    .selectFrom("school_visits")
    .innerJoin("enrolments", "enrolments.id", "school_visits.enrolment_id")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .leftJoin("users as responder", "responder.id", "school_visits.response_by")
    .leftJoin("users as booker", "booker.id", "school_visits.booked_by")
    .select([
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
    ])
    .where("school_visits.id", "=", id)
    .executeTakeFirst();
  if (!v || !(leadsCluster(actor, v.cluster_id) || worksAtSchool(actor, v.school_id)))
    throw new NotFound("visit");
  const actions = await db
    .selectFrom("actions")
    .select(["id", "title", "due_on", "status"])
    .where("visit_id", "=", v.id)
    .orderBy("created_at")
    .execute();
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
    actions: actions.map((a) => ({ id: a.id, title: a.title, dueOn: a.due_on, status: a.status })),
    canRecord: leadsCluster(actor, v.cluster_id),
    canRespond: isSchoolLeaderOf(actor, v.school_id),
  };
}

export async function visitRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.strictObject({ id: z.uuid() });

  r.post(
    "/api/visits",
    {
      config: { access: anyOf("programme_lead") },
      schema: {
        tags: ["visits"],
        summary: "Book a visit to a school of the cluster",
        body: visitInputSchema,
        response: { 201: visitSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const enrolment = await deps.db
        .selectFrom("enrolments")
        .select(["id", "cluster_id"])
        .where("id", "=", request.body.enrolmentId)
        .executeTakeFirst();
      if (!enrolment) throw new NotFound("enrolment");
      const cluster = await clusterInScope(deps.db, actor, enrolment.cluster_id);
      authorize(
        workshopPolicy.schedule(actor, cluster),
        "Only the cluster's programme lead runs its workshops and visits.",
      );
      const id = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("school_visits")
          .values({
            enrolment_id: enrolment.id,
            visit_on: request.body.visitOn,
            booked_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "visit.booked",
          actorUserId: actor.userId,
          targetType: "school_visit",
          targetId: row.id,
          ip: request.ip,
        });
        return row.id;
      });
      reply.code(201);
      return presentVisit(deps.db, actor, id);
    },
  );

  r.get(
    "/api/enrolments/:id/visits",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["visits"],
        summary: "A school's visits, newest first",
        params: idParams,
        response: { 200: z.object({ items: z.array(visitSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enrolment = await enrolmentForVisits(deps.db, actor, request.params.id);
      const ids = await deps.db
        .selectFrom("school_visits")
        .select("id")
        .where("enrolment_id", "=", enrolment.id)
        .orderBy("visit_on", "desc")
        .execute();
      return { items: await Promise.all(ids.map((v) => presentVisit(deps.db, actor, v.id))) };
    },
  );

  r.get(
    "/api/visits/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["visits"],
        summary: "A visit: what was seen, the questions, agreed actions and the school's response",
        params: idParams,
        response: { 200: visitSchema },
      },
    },
    async (request) => presentVisit(deps.db, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/visits/:id",
    {
      config: { access: anyOf("programme_lead") },
      schema: {
        tags: ["visits"],
        summary:
          "Record what was seen (strengths, challenges, questions posed) and the actions agreed with the school's leader",
        params: idParams,
        body: visitUpdateSchema,
        response: { 200: visitSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const visit = await presentVisit(deps.db, actor, request.params.id);
      if (!visit.canRecord)
        throw new Forbidden("Only the cluster's programme lead records its visits.");
      const b = request.body;
      const recording =
        [b.strengths, b.challenges, b.questions].some((x) => x !== undefined && x.trim() !== "") ||
        (b.agreedActions?.length ?? 0) > 0;
      if (recording)
        refuseBeforeTheVisit(
          "The visit's record opens",
          b.visitOn ?? visit.visitOn,
          today(deps.clock),
        );
      await deps.db.transaction().execute(async (trx) => {
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
              enrolment_id: visit.enrolmentId,
              title: agreed.title,
              due_on: agreed.dueOn ?? null,
              visit_id: visit.id,
              created_by: actor.userId,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        await recordAudit(trx, now, {
          action: "visit.recorded",
          actorUserId: actor.userId,
          targetType: "school_visit",
          targetId: visit.id,
          ip: request.ip,
          details: { agreedActions: b.agreedActions?.length ?? 0 },
        });
      });
      return presentVisit(deps.db, actor, visit.id);
    },
  );

  r.post(
    "/api/visits/:id/response",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["visits"],
        summary: "The school leader's response to a visit",
        params: idParams,
        body: visitResponseSchema,
        response: { 200: visitSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const visit = await presentVisit(deps.db, actor, request.params.id);
      if (!visit.canRespond)
        throw new Forbidden("Only the school's leaders respond to its visits.");
      refuseBeforeTheVisit("The school's response opens", visit.visitOn, today(deps.clock));
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("school_visits")
          .set({
            leader_response: request.body.response,
            response_by: actor.userId,
            response_at: now,
            updated_at: now,
          })
          .where("id", "=", visit.id)
          .execute();
        await recordAudit(trx, now, {
          action: "visit.responded",
          actorUserId: actor.userId,
          targetType: "school_visit",
          targetId: visit.id,
          ip: request.ip,
        });
      });
      return presentVisit(deps.db, actor, visit.id);
    },
  );
}
