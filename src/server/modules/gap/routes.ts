import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { gapOverviewSchema, gapSchema, yearGroupSchema } from "../../../contracts/pupil-data.ts";
import { defaultPoint } from "../../../domain/assessment-points.ts";
import { today } from "../../../domain/calendar.ts";
import { pupilViewAtSchool } from "../../access/pupil-visibility.ts";
import { worksAtSchool } from "../../access/scope.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { pointsOfSchool } from "../measures/points-store.ts";
import { definitionOf, measuresOfSchool, presentMeasure } from "../measures/store.ts";
import { comparatorFor } from "../national/store.ts";
import { schoolInScope } from "../schools/store.ts";
import { gapAsShown, gapTrendAsShown } from "./figures.ts";
import { gapPolicy } from "./policy.ts";
import { disadvantageRuleOfSchool, valuesForGap } from "./store.ts";

const querySchema = z.strictObject({
  measureId: z.uuid().optional(),
  assessmentPointId: z.uuid().optional(),
  yearGroup: yearGroupSchema.optional(),
});

export async function gapRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function context(actor: ReturnType<typeof actorOf>, schoolId: string) {
    const school = await schoolInScope(deps.db, actor, schoolId);
    const rule = await disadvantageRuleOfSchool(deps.db, school.id);
    const points = await pointsOfSchool(deps.db, school.id, today(deps.clock));
    const measures = await measuresOfSchool(deps.db, school.id);
    const sight = worksAtSchool(actor, school.id)
      ? (await pupilViewAtSchool(deps.db, actor, school.id)).sight
      : undefined;
    const outside = !gapPolicy.seeSmallGroups(actor, school, sight);
    return { school, rule, points, measures, outside };
  }

  r.get(
    "/api/schools/:id/gap",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary:
          "The disadvantage gap for one measure at one point, and its trend across the school's points",
        params: z.strictObject({ id: z.uuid() }),
        querystring: querySchema,
        response: { 200: gapSchema },
      },
    },
    async (request) => {
      const ctx = await context(actorOf(request), request.params.id);
      const measure = request.query.measureId
        ? ctx.measures.find((m) => m.id === request.query.measureId)
        : (ctx.measures.find((m) => m.core) ?? ctx.measures[0]);
      if (!measure)
        throw new ValidationProblem("No such measure.", [
          { field: "measureId", message: "Choose one of the school's measures." },
        ]);
      const point = request.query.assessmentPointId
        ? ctx.points.find((p) => p.id === request.query.assessmentPointId)
        : defaultPoint(ctx.points, today(deps.clock));
      if (!point) {
        if (request.query.assessmentPointId) throw new NotFound("assessment point");
        throw new ValidationProblem("The school has no assessment points yet.", [
          { field: "assessmentPointId", message: "Add the school's assessment points first." },
        ]);
      }
      const yearGroup = request.query.yearGroup ?? null;
      const values = await valuesForGap(deps.db, {
        schoolId: ctx.school.id,
        rule: ctx.rule,
        measureIds: [measure.id],
        pointIds: ctx.points.map((p) => p.id),
      });
      const definition = definitionOf(measure);
      const { at, trend, direction } = gapTrendAsShown(
        values,
        definition,
        ctx.points,
        yearGroup,
        ctx.outside,
      );
      const current = at(point.id);
      const { observationCount: _count, ...pointOut } = point;
      return {
        measure: presentMeasure(measure),
        assessmentPoint: pointOut,
        pointChosenBy: request.query.assessmentPointId
          ? ("request" as const)
          : ("default" as const),
        yearGroup,
        disadvantaged: current.disadvantaged,
        other: current.other,
        gap: current.gap,
        gapInSd: current.gapInSd,
        tooSmall: current.tooSmall,
        suppressed: current.suppressed,
        national: {
          disadvantagedPct: presentMeasure(measure).nationalDisadvantagedPct,
          otherPct: presentMeasure(measure).nationalOtherPct,
        },
        nationalComparator: await comparatorFor(deps.db, measure.id),
        trend,
        direction,
      };
    },
  );

  r.get(
    "/api/schools/:id/gap/overview",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary: "The disadvantage gap on every measure at one point",
        params: z.strictObject({ id: z.uuid() }),
        querystring: querySchema.omit({ measureId: true }),
        response: { 200: gapOverviewSchema },
      },
    },
    async (request) => {
      const ctx = await context(actorOf(request), request.params.id);
      const point = request.query.assessmentPointId
        ? ctx.points.find((p) => p.id === request.query.assessmentPointId)
        : defaultPoint(ctx.points, today(deps.clock));
      if (request.query.assessmentPointId && !point) throw new NotFound("assessment point");
      const yearGroup = request.query.yearGroup ?? null;
      const values = point
        ? await valuesForGap(deps.db, {
            schoolId: ctx.school.id,
            rule: ctx.rule,
            measureIds: ctx.measures.map((m) => m.id),
            pointIds: [point.id],
          })
        : [];
      const rows = ctx.measures.map((m) => {
        const result = gapAsShown(
          values.filter((v) => v.measureId === m.id),
          definitionOf(m),
          yearGroup,
          ctx.outside,
        );
        return {
          measure: presentMeasure(m),
          disadvantaged: result.disadvantaged,
          other: result.other,
          gap: result.gap,
          gapInSd: result.gapInSd,
          tooSmall: result.tooSmall,
        };
      });
      const pointOut = point ? (({ observationCount: _c, ...rest }) => rest)(point) : null;
      return {
        assessmentPoint: pointOut,
        pointChosenBy: request.query.assessmentPointId
          ? ("request" as const)
          : ("default" as const),
        yearGroup,
        suppressed: ctx.outside,
        rows,
      };
    },
  );
}
