import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorize } from "../../access/authorize.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { HttpProblem } from "../../errors.ts";
import { healthPolicy } from "./policy.ts";
import { databaseAnswers } from "./store.ts";

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
    async (request) => {
      authorize(healthPolicy.check(request.actor ?? null));
      if (!(await databaseAnswers(deps.db))) {
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
