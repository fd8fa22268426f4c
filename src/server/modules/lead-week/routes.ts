import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { leadWeekSchema } from "../../../contracts/lead-week.ts";
import { today } from "../../../domain/calendar.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { leadWeekPolicy } from "./policy.ts";
import { leadWeekOf } from "./store.ts";

/**
 * The programme lead's week, for their home page. Only programme leads: an
 * administrator reads each cluster's progress on its own page instead, as the
 * dashboard shows administrators only the clusters they lead themselves.
 */
export async function leadWeekRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/lead/week",
    {
      config: { access: anyOf("programme_lead") },
      schema: {
        tags: ["dashboard"],
        summary:
          "Across the clusters the caller leads this year: overdue actions and visits awaiting the school's response",
        response: { 200: leadWeekSchema },
      },
    },
    async (request) =>
      leadWeekOf(
        deps.db,
        leadWeekPolicy.clustersOf(actorOf(request)),
        deps.clock.now(),
        today(deps.clock),
      ),
  );
}
