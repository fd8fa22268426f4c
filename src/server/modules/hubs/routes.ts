import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createHubSchema, hubSchema, updateHubSchema } from "../../../contracts/network.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { hubPolicy } from "./policy.ts";
import { hubById, insertHub, listHubs, updateHub } from "./store.ts";

const MANAGE = "Only network administrators manage hubs.";

export async function hubRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");

  r.get(
    "/api/hubs",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "The network's hubs",
        response: { 200: z.object({ items: z.array(hubSchema) }) },
      },
    },
    async (request) => {
      authorize(hubPolicy.manage(actorOf(request)), MANAGE);
      return { items: await listHubs(deps.db) };
    },
  );

  r.post(
    "/api/hubs",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Create a hub",
        body: createHubSchema,
        response: { 201: hubSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(hubPolicy.manage(actor), MANAGE);
      const id = await auditedChange(
        deps,
        actor,
        (trx, now) => insertHub(trx, request.body.name, now),
        (id) => ({ action: "hub.created", targetType: "hub", targetId: id }),
      );
      reply.code(201);
      return hubById(deps.db, id);
    },
  );

  r.patch(
    "/api/hubs/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Rename or archive a hub",
        params: z.strictObject({ id: z.uuid() }),
        body: updateHubSchema,
        response: { 200: hubSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const { name, archived } = request.body;
      authorize(hubPolicy.manage(actor), MANAGE);
      await auditedChange(
        deps,
        actor,
        (trx, now) => updateHub(trx, id, { name, archived }, now),
        () => ({
          action: "hub.updated",
          targetType: "hub",
          targetId: id,
          details: { renamed: Boolean(name), archived: archived ?? null },
        }),
      );
      return hubById(deps.db, id);
    },
  );
}
