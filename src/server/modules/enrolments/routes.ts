import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createEnrolmentSchema, enrolmentSchema } from "../../../contracts/network.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { enrolmentPolicy } from "./policy.ts";
import { presentEnrolment } from "./present.ts";
import { deleteEnrolment, enrolmentInScope, insertEnrolment } from "./store.ts";
import { teamRoutes } from "./team-routes.ts";

const idParams = z.strictObject({ id: z.uuid() });

export async function enrolmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");

  r.post(
    "/api/enrolments",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Enrol a school in a cluster (one cluster per school per programme year)",
        body: createEnrolmentSchema,
        response: { 201: enrolmentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(enrolmentPolicy.enrol(actor), "Only network administrators enrol schools.");
      const id = await auditedChange(
        deps,
        actor,
        (trx, now) => insertEnrolment(trx, now, request.body),
        (id) => ({ action: "enrolment.created", targetType: "enrolment", targetId: id }),
      );
      reply.code(201);
      return presentEnrolment(deps.db, id);
    },
  );

  r.get(
    "/api/enrolments/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["network"],
        summary: "A school's enrolment: its cluster and trio, the other schools by name",
        params: idParams,
        response: { 200: enrolmentSchema },
      },
    },
    async (request) => {
      const enrolment = await enrolmentInScope(deps.db, actorOf(request), request.params.id);
      return presentEnrolment(deps.db, enrolment.id);
    },
  );

  r.delete(
    "/api/enrolments/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Withdraw an enrolment made in error (only while it has no trio and no team)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const enrolment = await enrolmentInScope(trx, actor, request.params.id);
          authorize(
            enrolmentPolicy.withdraw(actor),
            "Only network administrators withdraw enrolments.",
          );
          await deleteEnrolment(trx, now, enrolment);
          return enrolment.id;
        },
        (id) => ({ action: "enrolment.withdrawn", targetType: "enrolment", targetId: id }),
      );
      return reply.code(204).send(null);
    },
  );

  await teamRoutes(app, deps);
}
