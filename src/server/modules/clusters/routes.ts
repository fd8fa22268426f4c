import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  clusterDetailSchema,
  clusterSummarySchema,
  createClusterSchema,
  createTrioSchema,
  trioSchema,
} from "../../../contracts/network.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { triosOfCluster } from "../enrolments/present.ts";
import { deliverInvitation } from "../invitations/service.ts";
import { clusterPolicy } from "./policy.ts";
import { clusterDetail, createCluster, listClusters } from "./store.ts";
import { deleteTrio, insertTrio } from "./trio-store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const MANAGE = "Only network administrators manage clusters and trios.";

export async function clusterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");
  const adminOrLead = anyOf("network_admin", "programme_lead");

  r.get(
    "/api/clusters",
    {
      config: { access: adminOrLead },
      schema: {
        tags: ["network"],
        summary: "Clusters: every one for administrators, their own for programme leads",
        querystring: z.strictObject({ programmeYearId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(clusterSummarySchema) }) },
      },
    },
    async (request) => ({
      items: await listClusters(deps.db, actorOf(request), deps.clock.now(), {
        programmeYearId: request.query.programmeYearId,
      }),
    }),
  );

  r.post(
    "/api/clusters",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary:
          "Create a cluster in a programme year, with its facilitation school; its programme leads are invited",
        body: createClusterSchema,
        response: {
          201: clusterSummarySchema.extend({
            invitations: z.array(
              z.object({ email: z.string(), emailed: z.boolean(), url: z.string().optional() }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const body = request.body;
      authorize(clusterPolicy.manage(actor), MANAGE);
      const { clusterId, invitations } = await createCluster(deps, actor, now, request.ip, body);
      const [summary] = await listClusters(deps.db, actor, now, { id: clusterId });
      if (!summary) throw new NotFound("cluster");
      const delivered = [];
      for (const invitation of invitations) {
        delivered.push({
          email: invitation.email,
          ...(await deliverInvitation(
            deps,
            request,
            actor,
            invitation,
            `${summary.name} (${summary.academicYear})`,
          )),
        });
      }
      reply.code(201);
      return { ...summary, invitations: delivered };
    },
  );

  r.get(
    "/api/clusters/:id",
    {
      config: { access: adminOrLead },
      schema: {
        tags: ["network"],
        summary: "A cluster: its schools, trios and teams, each against the programme's guidance",
        params: idParams,
        response: { 200: clusterDetailSchema },
      },
    },
    async (request) =>
      clusterDetail(deps.db, actorOf(request), request.params.id, deps.clock.now()),
  );

  r.post(
    "/api/trios",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary:
          "Form a trio in a cluster: one lead school and up to two accelerator schools, all enrolled in it",
        body: createTrioSchema,
        response: { 201: trioSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { clusterId, leadSchoolId, acceleratorSchoolIds } = request.body;
      const all = [leadSchoolId, ...acceleratorSchoolIds];
      if (new Set(all).size !== all.length) {
        throw new ValidationProblem("A school appears twice.", [
          { field: "acceleratorSchoolIds", message: "Each school takes one place in the trio." },
        ]);
      }
      authorize(clusterPolicy.manage(actor), MANAGE);
      const trioId = await auditedChange(
        deps,
        actor,
        (trx, now) => insertTrio(trx, now, request.body),
        (id) => ({ action: "trio.created", targetType: "trio", targetId: id }),
      );
      const trio = (await triosOfCluster(deps.db, clusterId)).find((t) => t.id === trioId);
      if (!trio) throw new NotFound("trio");
      reply.code(201);
      return trio;
    },
  );

  r.delete(
    "/api/trios/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Dissolve a trio; its schools stay enrolled in the cluster",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      authorize(clusterPolicy.manage(actor), MANAGE);
      await auditedChange(
        deps,
        actor,
        (trx) => deleteTrio(trx, id),
        () => ({ action: "trio.dissolved", targetType: "trio", targetId: id }),
      );
      return reply.code(204).send(null);
    },
  );
}
