import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  measureSchema,
  putObservationsSchema,
  yearGroupSchema,
} from "../../../contracts/pupil-data.ts";
import { pointClosedReason } from "../../../domain/assessment-points.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";
import { formatMeasureValue, parseMeasureValue } from "../../../domain/measures.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { flagsFor, pupilsSeenByActor, pupilViewAt } from "../../access/pupil-visibility.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { definitionOf, measuresOfSchool, presentMeasure } from "../measures/store.ts";
import { observationPolicy } from "./policy.ts";
import { batchInSchools, gridPupils, pointOfSchool, saveValues, valuesAtPoint } from "./store.ts";

const savedValueSchema = z.object({
  pupilId: z.uuid(),
  measureId: z.uuid(),
  assessmentPointId: z.uuid(),
  value: z.number().nullable(),
  display: z.string(),
});

/**
 * One error per value whose point is not open for data yet (not begun, not
 * opened early). Clearing a value is always allowed, so one typed too early can
 * be taken out. Points outside the actor's schools are left to the scope check.
 */
function closedPointErrors(
  items: Array<{ assessmentPointId: string; value: unknown }>,
  points: Array<{
    id: string;
    name: string;
    academic_year: string;
    starts_on: string;
    opened_early_at: Date | null;
  }>,
  today: string,
): { field: string; message: string }[] {
  const reasons = new Map(
    points.map((p) => [
      p.id,
      pointClosedReason(
        {
          name: p.name,
          academicYear: p.academic_year,
          startsOn: p.starts_on,
          openedEarly: p.opened_early_at !== null,
        },
        today,
      ),
    ]),
  );
  return items.flatMap((item, i) => {
    if (item.value === null || item.value === "") return [];
    const reason = reasons.get(item.assessmentPointId);
    return reason ? [{ field: `observations.${i}.assessmentPointId`, message: reason }] : [];
  });
}

export async function observationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);

  r.get(
    "/api/schools/:id/observations",
    {
      config: { access: staff },
      schema: {
        tags: ["pupil data"],
        summary:
          "The data entry grid for one assessment point: pupils × measures (the school's own staff)",
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({
          assessmentPointId: z.uuid(),
          yearGroup: yearGroupSchema.optional(),
        }),
        response: {
          200: z.object({
            pupils: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                upn: z.string(),
                yearGroup: z.string(),
                /** Null when not shown to the reader (a para-professional, by default). */
                disadvantaged: z.boolean().nullable(),
              }),
            ),
            measures: z.array(measureSchema),
            values: z.array(savedValueSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(observationPolicy.readGrid(actor, school));
      const point = await pointOfSchool(deps.db, school.id, request.query.assessmentPointId);
      const view = await pupilViewAt(deps.db, actor, school);
      const pupils = await gridPupils(deps.db, school.id, view, point, request.query.yearGroup);
      const measures = await measuresOfSchool(deps.db, school.id);
      const values = await valuesAtPoint(
        deps.db,
        point.id,
        pupils.map((p) => p.id),
      );
      const byId = new Map(measures.map((m) => [m.id, m]));
      await recordAudit(deps.db, deps.clock.now(), {
        action: "observations.read",
        actorUserId: actor.userId,
        targetType: "assessment_point",
        targetId: point.id,
        ip: request.ip,
        details: { pupils: pupils.length },
      });
      return {
        pupils: pupils.map((p) => {
          return flagsFor(view, {
            id: p.id,
            name: pupilDisplayName(p),
            upn: p.upn,
            yearGroup: p.year_group,
            disadvantaged: isRowDisadvantaged(p, school.disadvantage_rule),
          });
        }),
        measures: measures.map(presentMeasure),
        values: values.flatMap((v) => {
          const measure = byId.get(v.measure_id);
          if (!measure) return [];
          return [
            {
              pupilId: v.pupil_id,
              measureId: v.measure_id,
              assessmentPointId: v.assessment_point_id,
              value: Number(v.value),
              display: formatMeasureValue(definitionOf(measure), Number(v.value)),
            },
          ];
        }),
      };
    },
  );

  r.put(
    "/api/observations",
    {
      config: { access: staff },
      schema: {
        tags: ["pupil data"],
        summary: "Record a batch of values (all or nothing); null clears a value",
        body: putObservationsSchema,
        response: { 200: z.object({ saved: z.array(savedValueSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const items = request.body.observations;
      const schoolIds = schoolIdsOf(actor);
      const pupilIds = [...new Set(items.map((o) => o.pupilId))];
      const measureIds = [...new Set(items.map((o) => o.measureId))];
      const pointIds = [...new Set(items.map((o) => o.assessmentPointId))];
      // Everything in the batch must belong to one of the actor's own schools, or the batch is refused whole.
      const { pupils, measures, points } = await batchInSchools(deps.db, schoolIds, {
        pupilIds,
        measureIds,
        pointIds,
      });
      // A pupil of their school that they do not work with is, to them, not there at all.
      const seen = await pupilsSeenByActor(deps.db, actor, pupils);
      const pupilSchool = new Map(
        pupils.filter((p) => seen.has(p.id)).map((p) => [p.id, p.school_id]),
      );
      const measureById = new Map(measures.map((m) => [m.id, m]));
      const pointSchool = new Map(points.map((p) => [p.id, p.school_id]));
      const errors: { field: string; message: string }[] = [];
      const closed = closedPointErrors(items, points, londonToday(deps.clock));
      if (closed.length > 0)
        throw new Conflict(
          "Values cannot be recorded for an assessment point that has not begun. Nothing was saved.",
          { errors: closed },
        );
      const parsed = items.map((item, i) => {
        const school = pupilSchool.get(item.pupilId);
        const measure = measureById.get(item.measureId);
        if (
          !school ||
          !measure ||
          pointSchool.get(item.assessmentPointId) !== school ||
          measure.school_id !== school
        ) {
          throw new NotFound("pupil, measure or assessment point");
        }
        if (item.value === null || item.value === "") return { ...item, number: null, measure };
        const result = parseMeasureValue(definitionOf(measure), item.value);
        if (!result.ok) {
          errors.push({
            field: `observations.${i}.value`,
            message: `${measure.name}: ${result.message}`,
          });
          return { ...item, number: null, measure };
        }
        return { ...item, number: result.value, measure };
      });
      if (errors.length > 0)
        throw new ValidationProblem(
          "Some values do not fit their measure's scale. Nothing was saved.",
          errors,
        );

      const schoolsTouched = [...new Set(pupils.map((p) => p.school_id))];
      for (const id of schoolsTouched) authorize(observationPolicy.record(actor, { id }));
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveValues(trx, parsed, actor.userId, now),
        () => ({
          action: "observations.recorded",
          targetType: "school",
          targetId: schoolsTouched.join(","),
          details: { count: parsed.length },
        }),
      );
      return {
        saved: parsed.map((item) => ({
          pupilId: item.pupilId,
          measureId: item.measureId,
          assessmentPointId: item.assessmentPointId,
          value: item.number,
          display:
            item.number === null ? "" : formatMeasureValue(definitionOf(item.measure), item.number),
        })),
      };
    },
  );
}
