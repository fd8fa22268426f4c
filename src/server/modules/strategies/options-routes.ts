import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { strategyOptionsSchema } from "../../../contracts/strategies.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { strategyOptions } from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

/** The choices a strategy's form offers, which school staff cannot read anywhere else. */
export async function strategyOptionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/schools/:id/strategy-options",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["strategies"],
        summary:
          "What a strategy may name: the themes of the school's programme and the school's staff as owners",
        params: schoolParams,
        response: { 200: strategyOptionsSchema },
      },
    },
    async (request) => {
      const school = await schoolForPupilData(deps.db, actorOf(request), request.params.id, "read");
      const today = londonToday(deps.clock);
      const enrolment = await currentEnrolment(deps.db, school.id, today);
      return strategyOptions(deps.db, school.id, enrolment?.programmeYearId ?? null);
    },
  );
}
