import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  clusterSummarySchema,
  compositionSchema,
  schoolRefSchema,
  trioSchema,
} from "../../../contracts/network.ts";
import { roleSchema } from "../../../contracts/roles.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { dashboardPolicy } from "./policy.ts";
import { ledClusters, networkCounts, ownSchools } from "./store.ts";

const count = z.number().int();

export const dashboardSchema = z.object({
  network: z
    .object({
      hubs: count,
      schools: count,
      programmes: count,
      programmeYears: count,
      clusters: count,
      enrolments: count,
      pendingInvitations: count,
    })
    .nullable(),
  clusters: z.array(clusterSummarySchema.extend({ teamsMeetingGuidance: count })),
  schools: z.array(
    z.object({
      school: schoolRefSchema,
      roles: z.array(roleSchema),
      enrolments: z.array(
        z.object({
          id: z.uuid(),
          academicYear: z.string(),
          programmeName: z.string(),
          clusterName: z.string(),
          trio: trioSchema.nullable(),
          trioRole: z.enum(["lead", "accelerator"]).nullable(),
          teamSize: count,
          composition: compositionSchema,
        }),
      ),
    }),
  ),
});

export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/dashboard",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["dashboard"],
        summary:
          "What the signed-in person's roles open to them: the network, their clusters, their schools",
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const ledIds = dashboardPolicy.ledClusterIds(actor);
      const schoolIds = dashboardPolicy.ownSchoolIds(actor);
      const network = dashboardPolicy.seesNetwork(actor) ? await networkCounts(deps.db, now) : null;
      const clusters = ledIds.length > 0 ? await ledClusters(deps.db, actor, ledIds, now) : [];
      const schools = schoolIds.length > 0 ? await ownSchools(deps.db, actor, schoolIds) : [];
      return { network, clusters, schools };
    },
  );
}
