import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assessmentPointListSchema,
  assessmentPointSchema,
  createAssessmentPointsSchema,
} from "../../../contracts/pupil-data.ts";
import { parseAcademicYear } from "../../../domain/academic-year.ts";
import { defaultAssessmentPoints, hasBegun } from "../../../domain/assessment-points.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { schoolInScope } from "../schools/store.ts";
import {
  insertPoints,
  markOpenedEarly,
  pointNamesOfYear,
  pointOfSchool,
  pointsOfSchool,
} from "./points-store.ts";
import { LEADERS_ONLY, measurePolicy, pointAbilities } from "./policy.ts";

/**
 * A school's assessment points: read by all who see the school; added, and
 * opened for data before they begin, by its leaders (recorded and audited).
 */
export async function pointRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leaders = anyOf("school_leader");

  r.get(
    "/api/schools/:id/assessment-points",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary: "The school's assessment points, in date order, with how many values each holds",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: assessmentPointListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolInScope(deps.db, actor, request.params.id);
      return {
        items: await pointsOfSchool(deps.db, school.id, today(deps.clock)),
        abilities: pointAbilities(actor, school),
      };
    },
  );

  r.post(
    "/api/schools/:id/assessment-points",
    {
      config: { access: leaders },
      schema: {
        tags: ["pupil data"],
        summary:
          "Add assessment points: the six half-terms of a year ({ academicYear, defaults: true }) or one point",
        params: z.strictObject({ id: z.uuid() }),
        body: createAssessmentPointsSchema,
        response: { 201: assessmentPointListSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(measurePolicy.addPoints(actor, school), LEADERS_ONLY);
      const body = request.body;
      const year = parseAcademicYear(body.academicYear);
      if (!year.ok)
        throw new ValidationProblem(year.reason, [{ field: "academicYear", message: year.reason }]);
      const points =
        "defaults" in body
          ? (defaultAssessmentPoints(year.label) ?? [])
          : [{ name: body.name, startsOn: body.startsOn, endsOn: body.endsOn }];
      if (!("defaults" in body) && (body.startsOn < year.startsOn || body.endsOn > year.endsOn)) {
        throw new ValidationProblem("The point falls outside the academic year.", [
          { field: "startsOn", message: `Use dates from ${year.startsOn} to ${year.endsOn}.` },
        ]);
      }
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const taken = await pointNamesOfYear(trx, school.id, year.label);
          const fresh = points.filter((p) => !taken.has(p.name.toLowerCase()));
          if (fresh.length === 0) {
            throw new Conflict(
              "defaults" in body
                ? `${year.label} already has its half-term points.`
                : `${year.label} already has a point called ${points[0]?.name}.`,
              { errors: [{ field: "name", message: "This point already exists." }] },
            );
          }
          await insertPoints(trx, now, school.id, year.label, fresh);
          return fresh.length;
        },
        (count) => ({
          action: "assessment_points.created",
          targetType: "school",
          targetId: school.id,
          details: { count, academicYear: year.label },
        }),
      );
      reply.code(201);
      return {
        items: await pointsOfSchool(deps.db, school.id, today(deps.clock)),
        abilities: pointAbilities(actor, school),
      };
    },
  );

  r.post(
    "/api/schools/:id/assessment-points/:pointId/open-early",
    {
      config: { access: leaders },
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
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(measurePolicy.openPointEarly(actor, school), LEADERS_ONLY);
      const point = await pointOfSchool(deps.db, school.id, request.params.pointId);
      if (!point) throw new NotFound("assessment point");
      if (hasBegun({ startsOn: point.starts_on }, today(deps.clock)))
        throw new Conflict(`${point.name} has already begun: it is open for data.`);
      if (point.opened_early_at !== null)
        throw new Conflict(`${point.name} is already open for data.`);
      await auditedChange(
        deps,
        actor,
        (trx, now) => markOpenedEarly(trx, now, point.id, actor.userId),
        () => ({
          action: "assessment_point.opened_early",
          targetType: "assessment_point",
          targetId: point.id,
          details: { startsOn: point.starts_on },
        }),
      );
      const opened = (await pointsOfSchool(deps.db, school.id, today(deps.clock))).find(
        (p) => p.id === point.id,
      );
      if (!opened) throw new NotFound("assessment point");
      return opened;
    },
  );
}
