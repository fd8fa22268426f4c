import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { progressSchema } from "../../../contracts/programme-year.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { progressOfCluster } from "./progress.ts";
import { clusterForProgress } from "./store.ts";

/**
 * The year at a glance for a cluster, school by school: counts and yes/no marks
 * only, never a pupil. A programme lead (or an administrator) reads it; a
 * cohort of 1 to 5 pupils is not counted for a school the reader does not work at.
 */
export async function progressRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/clusters/:id/progress",
    {
      config: { access: anyOf("programme_lead", "network_admin") },
      schema: {
        tags: ["workshops"],
        summary: "How each school of the cluster is getting on this year",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const cluster = await clusterForProgress(deps.db, actor, request.params.id);
      return progressOfCluster(deps.db, actor, cluster, londonToday(deps.clock));
    },
  );
}
