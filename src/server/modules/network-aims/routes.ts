import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { networkAimsQuerySchema, networkAimsSchema } from "../../../contracts/network-aims.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { buildNetworkAims } from "./build.ts";
import { aimsCsv, aimsPdf } from "./export.ts";
import { networkAimsPolicy } from "./policy.ts";

const ADMIN_ONLY = "The network's aims are read by its administrators.";

/**
 * The network aims dashboard (issue 17): per aim, the network's (or a hub's)
 * figure against national and its trend by year, and each school by
 * pseudonym. Aggregates only, with small groups suppressed. Downloads as CSV
 * and PDF, each download audited.
 */
export async function networkAimsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = { access: anyOf("network_admin") };

  r.get(
    "/api/network-aims",
    {
      config: access,
      schema: {
        tags: ["network"],
        summary:
          "The network's aims: disadvantaged pupils' results and the gap against national, schools whose gap narrowed, strategies evaluated and cascaded, workshop attendance and leadership roles, by year and by school pseudonym",
        querystring: networkAimsQuerySchema,
        response: { 200: networkAimsSchema },
      },
    },
    async (request) => {
      authorize(networkAimsPolicy.read(actorOf(request)), ADMIN_ONLY);
      return buildNetworkAims(deps.db, request.query);
    },
  );

  for (const format of ["csv", "pdf"] as const) {
    r.get(
      `/api/network-aims/export.${format}`,
      {
        config: access,
        schema: {
          tags: ["network"],
          summary: `The network's aims as ${format.toUpperCase()} (aggregates only, schools by pseudonym)`,
          querystring: networkAimsQuerySchema,
          produces: [format === "csv" ? "text/csv" : "application/pdf"],
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        authorize(networkAimsPolicy.read(actor), ADMIN_ONLY);
        const aims = await buildNetworkAims(deps.db, request.query);
        const madeOn = today(deps.clock);
        const body = format === "csv" ? aimsCsv(aims) : await aimsPdf(aims, madeOn);
        await recordAudit(deps.db, deps.clock.now(), {
          action: "network_aims.exported",
          actorUserId: actor.userId,
          targetType: aims.scope.hubId ? "hub" : "network",
          ...(aims.scope.hubId ? { targetId: aims.scope.hubId } : {}),
          ip: request.ip,
          details: {
            format,
            schools: aims.schools.length,
            nationalMeasure: aims.nationalMeasure?.key ?? null,
          },
        });
        const name = `network-aims-${madeOn}.${format}`;
        return reply
          .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/pdf")
          .header("content-disposition", `attachment; filename="${name}"`)
          .send(body);
      },
    );
  }
}
