import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { legalHoldBodySchema, legalHoldListSchema } from "../../../contracts/retention.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { retentionPolicy } from "./policy.ts";
import { insertHold, listActiveHolds, releaseHold } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const MANAGE = "Only network administrators place or release legal holds.";

/** Legal holds: a school or a programme year whose data retention must not delete. */
export async function legalHoldRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");

  r.get(
    "/api/retention/holds",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary: "The legal holds in force, newest first",
        response: { 200: legalHoldListSchema },
      },
    },
    async (request) => {
      authorize(retentionPolicy.viewHolds(actorOf(request)));
      return { items: await listActiveHolds(deps.db) };
    },
  );

  r.post(
    "/api/retention/holds",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary: "Place a legal hold on a school or a programme year, with the reason",
        body: legalHoldBodySchema,
        response: { 201: legalHoldListSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(retentionPolicy.manageHolds(actor), MANAGE);
      const body = request.body;
      await auditedChange(
        deps,
        actor,
        (trx, now) => insertHold(trx, body, actor.userId, now),
        (id) => ({
          action: "retention.hold_placed",
          targetType: "legal_hold",
          targetId: id,
          details: {
            scope: body.scope,
            on: body.scope === "school" ? body.schoolId : body.programmeYearId,
          },
        }),
      );
      reply.code(201);
      return { items: await listActiveHolds(deps.db) };
    },
  );

  r.post(
    "/api/retention/holds/:id/release",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary: "Release a legal hold: the next daily run may delete what it kept",
        params: idParams,
        response: { 200: legalHoldListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(retentionPolicy.manageHolds(actor), MANAGE);
      await auditedChange(
        deps,
        actor,
        (trx, now) => releaseHold(trx, request.params.id, actor.userId, now),
        (hold) => ({
          action: "retention.hold_released",
          targetType: "legal_hold",
          targetId: hold.id,
          details: { scope: hold.scope },
        }),
      );
      return { items: await listActiveHolds(deps.db) };
    },
  );
}
