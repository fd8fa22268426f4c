import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { HttpProblem } from "../../errors.ts";

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["health"],
        summary: "Whether the app and its database answer",
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgres"]),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new HttpProblem(
          503,
          "Service unavailable",
          "The database is not answering.",
          {},
          { "retry-after": "5" },
        );
      }
      return { status: "ok" as const, database: deps.engine, version: deps.version };
    },
  );
}
