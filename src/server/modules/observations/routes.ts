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
import { formatMeasureValue, parseMeasureValue } from "../../../domain/measures.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { flagsFor, pupilsSeenByActor, pupilViewAt, seenIn } from "../../access/pupil-visibility.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import { yearGroupOrder } from "../../access/year-order.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { definitionOf, measuresOfSchool, presentMeasure } from "../measures/store.ts";
import { presentPupil } from "../pupils/store.ts";

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
      const point = await deps.db
        .selectFrom("assessment_points")
        .select(["id", "ends_on"])
        .where("id", "=", request.query.assessmentPointId)
        .where("school_id", "=", school.id)
        .executeTakeFirst();
      if (!point) throw new NotFound("assessment point");
      const view = await pupilViewAt(deps.db, actor, school);
      const pupils = await deps.db
        .selectFrom("pupils")
        .selectAll()
        .where("school_id", "=", school.id)
        .where(seenIn(view))
        .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">=", point.ends_on)]))
        .$if(Boolean(request.query.yearGroup), (q) =>
          q.where("year_group", "=", request.query.yearGroup as string),
        )
        .orderBy(yearGroupOrder)
        .orderBy("last_name")
        .orderBy("legal_first_name")
        .execute();
      const measures = await measuresOfSchool(deps.db, school.id);
      const values =
        pupils.length === 0
          ? []
          : await deps.db
              .selectFrom("observations")
              .select(["pupil_id", "measure_id", "assessment_point_id", "value"])
              .where("assessment_point_id", "=", point.id)
              .where(
                "pupil_id",
                "in",
                pupils.map((p) => p.id),
              )
              .execute();
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
          const presented = presentPupil(p, school.disadvantage_rule);
          return flagsFor(view, {
            id: p.id,
            name: pupilDisplayName(p),
            upn: p.upn,
            yearGroup: p.year_group,
            disadvantaged: presented.disadvantaged,
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
      const now = deps.clock.now();
      const items = request.body.observations;
      const schoolIds = schoolIdsOf(actor);
      const pupilIds = [...new Set(items.map((o) => o.pupilId))];
      const measureIds = [...new Set(items.map((o) => o.measureId))];
      const pointIds = [...new Set(items.map((o) => o.assessmentPointId))];
      // Everything in the batch must belong to one of the actor's own schools, or the batch is refused whole.
      const [pupils, measures, points] = await Promise.all([
        schoolIds.length === 0
          ? []
          : deps.db
              .selectFrom("pupils")
              .select(["id", "school_id"])
              .where("id", "in", pupilIds)
              .where("school_id", "in", schoolIds)
              .execute(),
        schoolIds.length === 0
          ? []
          : deps.db
              .selectFrom("measures")
              .selectAll()
              .where("id", "in", measureIds)
              .where("school_id", "in", schoolIds)
              .execute(),
        schoolIds.length === 0
          ? []
          : deps.db
              .selectFrom("assessment_points")
              .select(["id", "school_id", "name", "academic_year", "starts_on", "opened_early_at"])
              .where("id", "in", pointIds)
              .where("school_id", "in", schoolIds)
              .execute(),
      ]);
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

      await deps.db.transaction().execute(async (trx) => {
        for (const item of parsed) {
          if (item.number === null) {
            await trx
              .deleteFrom("observations")
              .where("pupil_id", "=", item.pupilId)
              .where("measure_id", "=", item.measureId)
              .where("assessment_point_id", "=", item.assessmentPointId)
              .execute();
          } else {
            await trx
              .insertInto("observations")
              .values({
                pupil_id: item.pupilId,
                measure_id: item.measureId,
                assessment_point_id: item.assessmentPointId,
                value: item.number,
                recorded_by: actor.userId,
                recorded_at: now,
              })
              .onConflict((oc) =>
                oc.columns(["pupil_id", "measure_id", "assessment_point_id"]).doUpdateSet({
                  value: item.number as number,
                  recorded_by: actor.userId,
                  recorded_at: now,
                  import_id: null,
                }),
              )
              .execute();
          }
        }
        await recordAudit(trx, now, {
          action: "observations.recorded",
          actorUserId: actor.userId,
          targetType: "school",
          targetId: [...new Set(pupils.map((p) => p.school_id))].join(","),
          ip: request.ip,
          details: { count: parsed.length },
        });
      });
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
