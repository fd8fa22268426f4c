import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createHubSchema, hubSchema, updateHubSchema } from "../../../contracts/network.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";

const hubColumns = (db: AppDeps["db"]) =>
  db.selectFrom("hubs").select((eb) => [
    "hubs.id",
    "hubs.name",
    "hubs.archived_at",
    eb
      .selectFrom("schools")
      .select((s) => s.fn.countAll<number>().as("n"))
      .whereRef("schools.hub_id", "=", "hubs.id")
      .where("schools.archived_at", "is", null)
      .as("school_count"),
  ]);

function present(row: {
  id: string;
  name: string;
  archived_at: Date | null;
  school_count: number | null;
}) {
  return {
    id: row.id,
    name: row.name,
    archived: row.archived_at !== null,
    schoolCount: Number(row.school_count ?? 0),
  };
}

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
    async () => ({
      items: (await hubColumns(deps.db).orderBy("hubs.name").execute()).map(present),
    }),
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
      const now = deps.clock.now();
      const row = await deps.db.transaction().execute(async (trx) => {
        const clash = await trx
          .selectFrom("hubs")
          .select("id")
          .where((eb) => eb(eb.fn("lower", ["name"]), "=", request.body.name.toLowerCase()))
          .executeTakeFirst();
        if (clash)
          throw new Conflict(`A hub called ${request.body.name} already exists.`, {
            errors: [{ field: "name", message: "This name is taken." }],
          });
        const created = await trx
          .insertInto("hubs")
          .values({ name: request.body.name, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "hub.created",
          actorUserId: actor.userId,
          targetType: "hub",
          targetId: created.id,
          ip: request.ip,
        });
        return hubColumns(trx).where("hubs.id", "=", created.id).executeTakeFirstOrThrow();
      });
      reply.code(201);
      return present(row);
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
      const now = deps.clock.now();
      const { name, archived } = request.body;
      const row = await deps.db.transaction().execute(async (trx) => {
        if (name) {
          const clash = await trx
            .selectFrom("hubs")
            .select("id")
            .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
            .where("id", "!=", request.params.id)
            .executeTakeFirst();
          if (clash)
            throw new Conflict(`A hub called ${name} already exists.`, {
              errors: [{ field: "name", message: "This name is taken." }],
            });
        }
        const updated = await trx
          .updateTable("hubs")
          .set({
            ...(name ? { name } : {}),
            ...(archived === undefined ? {} : { archived_at: archived ? now : null }),
          })
          .where("id", "=", request.params.id)
          .returning("id")
          .executeTakeFirst();
        if (!updated) throw new NotFound("hub");
        await recordAudit(trx, now, {
          action: "hub.updated",
          actorUserId: actor.userId,
          targetType: "hub",
          targetId: request.params.id,
          ip: request.ip,
          details: { renamed: Boolean(name), archived: archived ?? null },
        });
        return hubColumns(trx).where("hubs.id", "=", request.params.id).executeTakeFirstOrThrow();
      });
      return present(row);
    },
  );
}
