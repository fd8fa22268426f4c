import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assessmentPointSchema } from "../../../contracts/pupil-data.ts";
import { hasBegun } from "../../../domain/assessment-points.ts";
import { today } from "../../../domain/calendar.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { pointsOfSchool } from "./points-store.ts";

/** Opening an assessment point for data before it begins: a leader's decision, recorded. */
export async function pointRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/schools/:id/assessment-points/:pointId/open-early",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary:
          "Open an assessment point for data before its start date (school leaders; recorded and audited)",
        params: z.strictObject({ id: z.uuid(), pointId: z.uuid() }),
        response: { 200: assessmentPointSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      const point = await deps.db
        .selectFrom("assessment_points")
        .select(["id", "name", "starts_on", "opened_early_at"])
        .where("id", "=", request.params.pointId)
        .where("school_id", "=", school.id)
        .executeTakeFirst();
      if (!point) throw new NotFound("assessment point");
      if (hasBegun({ startsOn: point.starts_on }, today(deps.clock)))
        throw new Conflict(`${point.name} has already begun: it is open for data.`);
      if (point.opened_early_at !== null)
        throw new Conflict(`${point.name} is already open for data.`);
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("assessment_points")
          .set({ opened_early_at: now, opened_early_by: actor.userId })
          .where("id", "=", point.id)
          .execute();
        await recordAudit(trx, now, {
          action: "assessment_point.opened_early",
          actorUserId: actor.userId,
          targetType: "assessment_point",
          targetId: point.id,
          ip: request.ip,
          details: { startsOn: point.starts_on },
        });
      });
      const opened = (await pointsOfSchool(deps.db, school.id, today(deps.clock))).find(
        (p) => p.id === point.id,
      );
      if (!opened) throw new NotFound("assessment point");
      return opened;
    },
  );
}
