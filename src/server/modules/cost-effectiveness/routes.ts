import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  costComparisonQuerySchema,
  costComparisonSchema,
  staffHourlyRateInputSchema,
  staffHourlyRateSchema,
} from "../../../contracts/cost-effectiveness.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { costComparison } from "./comparison.ts";
import { costEffectivenessPolicy } from "./policy.ts";
import { changeHourlyRate, hourlyRateOf } from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

/**
 * Cost-effectiveness (issue 12): the school's strategies side by side on cost
 * and effect, read by the school's staff as its evaluations are; and the hourly
 * staff cost a leader sets.
 */
export async function costEffectivenessRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/schools/:id/cost-effectiveness",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["strategies"],
        summary:
          "The school's strategies side by side: cost per pupil (staff hours at the school's rate), effect, and cost per pupil per month's progress where months apply",
        params: schoolParams,
        querystring: costComparisonQuerySchema,
        response: { 200: costComparisonSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(
        costEffectivenessPolicy.compare(actor, school),
        "Named pupil data is seen only by the school's own staff.",
      );
      const hourlyRate = await hourlyRateOf(deps.db, school.id);
      const comparison = await costComparison(deps.db, school.id, {
        comparison: request.query.comparison ?? "disadvantaged",
        today: today(deps.clock),
        hourlyRate,
      });
      return {
        rate: {
          poundsPerHour: hourlyRate,
          canChange: costEffectivenessPolicy.changeRate(actor, school),
        },
        ...comparison,
      };
    },
  );

  r.put(
    "/api/schools/:id/staff-hourly-rate",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["strategies"],
        summary:
          "Set the hourly cost of the school's staff time (£, pounds and pence), or clear it with null",
        params: schoolParams,
        body: staffHourlyRateInputSchema,
        response: { 200: staffHourlyRateSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(
        costEffectivenessPolicy.changeRate(actor, school),
        "Only the school's leaders can do this.",
      );
      const wanted = request.body.poundsPerHour;
      await auditedChange(
        deps,
        actor,
        (trx) => changeHourlyRate(trx, school.id, wanted),
        (change) =>
          change
            ? {
                action: "school.staff_hourly_rate_changed",
                targetType: "school",
                targetId: school.id,
                details: change,
              }
            : [],
      );
      return { poundsPerHour: wanted, canChange: true };
    },
  );
}
