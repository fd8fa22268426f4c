import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { meSchema, setupBodySchema } from "../../../contracts/auth.ts";
import { roleSchema } from "../../../contracts/roles.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { clientOf } from "../../request-info.ts";
import { presentMe } from "../auth/me.ts";
import { newDemoPassword } from "../demo/load-demo.ts";
import { loadDemo, setUpFirstAdmin } from "./first-admin.ts";
import { setupPolicy } from "./policy.ts";
import { setupState } from "./store.ts";

export async function setupRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/setup",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["setup"],
        summary: "Whether the first administrator still has to be created",
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async (request) => ({
      needed: setupPolicy.createFirstAdmin(request.actor ?? null, await setupState(deps.db)),
    }),
  );

  r.post(
    "/api/setup",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["setup"],
        summary: "Create the first network administrator (only while there are no users)",
        body: setupBodySchema,
        response: { 201: meSchema },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      const client = clientOf(request);
      const { userId, session } = await setUpFirstAdmin(deps.db, request.body, now, client);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      reply.code(201);
      return presentMe(deps.db, { id: userId, name: request.body.name, email: request.body.email });
    },
  );

  r.post(
    "/api/setup/demo",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["setup"],
        summary:
          "Fill an empty Cascade with a fictional demo network (only while there are no users)",
        response: {
          201: z.object({
            credentials: z.array(
              z.object({ role: roleSchema, name: z.string(), email: z.string() }),
            ),
            password: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const password = newDemoPassword();
      const demo = await loadDemo(deps.db, deps.clock.now(), password);
      request.log.info("demo network loaded");
      reply.code(201);
      // Shown once, to whoever set Cascade up; the password is never stored in clear.
      return { credentials: demo.credentials, password };
    },
  );
}
