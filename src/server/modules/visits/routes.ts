import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  visitInputSchema,
  visitResponseSchema,
  visitSchema,
  visitUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { refuseBeforeTheDay } from "../workshops/record-window.ts";
import { visitPolicy } from "./policy.ts";
import {
  enrolmentForBooking,
  enrolmentForVisits,
  insertVisit,
  listVisits,
  presentVisit,
  saveVisitRecord,
  saveVisitResponse,
  visitInScope,
} from "./store.ts";

const THE_DAY = "the day of the visit";

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
      const { enrolment, cluster } = await enrolmentForBooking(
        deps.db,
        actor,
        request.body.enrolmentId,
      );
      authorize(
        visitPolicy.book(actor, cluster),
        "Only the cluster's programme lead runs its workshops and visits.",
      );
      const visit = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertVisit(trx, now, {
            enrolmentId: enrolment.id,
            visitOn: request.body.visitOn,
            bookedBy: actor.userId,
          }),
        (row) => ({ action: "visit.booked", targetType: "school_visit", targetId: row.id }),
      );
      reply.code(201);
      return presentVisit(deps.db, actor, visit);
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
      return { items: await listVisits(deps.db, actor, enrolment) };
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
    async (request) => {
      const actor = actorOf(request);
      const visit = await visitInScope(deps.db, actor, request.params.id);
      return presentVisit(deps.db, actor, visit);
    },
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
      const visit = await visitInScope(deps.db, actor, request.params.id);
      authorize(
        visitPolicy.record(actor, visit),
        "Only the cluster's programme lead records its visits.",
      );
      const b = request.body;
      const recording =
        [b.strengths, b.challenges, b.questions].some((x) => x !== undefined && x.trim() !== "") ||
        (b.agreedActions?.length ?? 0) > 0;
      if (recording)
        refuseBeforeTheDay(
          THE_DAY,
          "The visit's record opens",
          b.visitOn ?? visit.visit_on,
          today(deps.clock),
        );
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveVisitRecord(trx, now, visit, b, actor.userId),
        () => ({
          action: "visit.recorded",
          targetType: "school_visit",
          targetId: visit.id,
          details: { agreedActions: b.agreedActions?.length ?? 0 },
        }),
      );
      return presentVisit(deps.db, actor, visit);
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
      const visit = await visitInScope(deps.db, actor, request.params.id);
      authorize(
        visitPolicy.respond(actor, visit),
        "Only the school's leaders respond to its visits.",
      );
      refuseBeforeTheDay(THE_DAY, "The school's response opens", visit.visit_on, today(deps.clock));
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveVisitResponse(trx, now, visit, request.body.response, actor.userId),
        () => ({ action: "visit.responded", targetType: "school_visit", targetId: visit.id }),
      );
      return presentVisit(deps.db, actor, visit);
    },
  );
}
