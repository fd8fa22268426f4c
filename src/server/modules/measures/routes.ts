import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assessmentPointSchema,
  createAssessmentPointsSchema,
  createMeasureSchema,
  measureSchema,
  updateMeasureSchema,
} from "../../../contracts/pupil-data.ts";
import { parseAcademicYear } from "../../../domain/academic-year.ts";
import { defaultAssessmentPoints } from "../../../domain/assessment-points.ts";
import { today } from "../../../domain/calendar.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { isSchoolLeaderOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { schoolInScope } from "../schools/store.ts";
import { pointsOfSchool } from "./points-store.ts";
import { measuresOfSchool, presentMeasure } from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

export async function measureRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leaders = anyOf("school_leader");

  r.get(
    "/api/schools/:id/measures",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary:
          "The school's measures: the built-in catalogue for its phase, as edited, and its own",
        params: schoolParams,
        querystring: z.strictObject({ includeArchived: z.enum(["true", "false"]).optional() }),
        response: { 200: z.object({ items: z.array(measureSchema) }) },
      },
    },
    async (request) => {
      const school = await schoolInScope(deps.db, actorOf(request), request.params.id);
      const rows = await measuresOfSchool(
        deps.db,
        school.id,
        request.query.includeArchived === "true",
      );
      return { items: rows.map(presentMeasure) };
    },
  );

  r.post(
    "/api/schools/:id/measures",
    {
      config: { access: leaders },
      schema: {
        tags: ["pupil data"],
        summary: "Add a measure of the school's own",
        params: schoolParams,
        body: createMeasureSchema,
        response: { 201: measureSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      const body = request.body;
      const slug =
        body.name
          .toLowerCase()
          .replaceAll(/[^a-z0-9]+/g, "-")
          .replaceAll(/^-|-$/g, "") || "measure";
      const row = await deps.db.transaction().execute(async (trx) => {
        const clash = await trx
          .selectFrom("measures")
          .select("id")
          .where("school_id", "=", school.id)
          .where((eb) =>
            eb.or([
              eb("key", "=", `own-${slug}`),
              eb(eb.fn("lower", ["name"]), "=", body.name.toLowerCase()),
            ]),
          )
          .executeTakeFirst();
        if (clash)
          throw new Conflict(`The school already has a measure called ${body.name}.`, {
            errors: [{ field: "name", message: "This name is taken." }],
          });
        const created = await trx
          .insertInto("measures")
          .values({
            school_id: school.id,
            key: `own-${slug}`,
            name: body.name,
            kind: body.kind,
            scale: body.scale,
            min: body.min,
            max: body.max,
            expected: body.expected,
            higher_is_better: body.higherIsBetter,
            levels: JSON.stringify(body.levels),
            subject: body.subject,
            core: body.core,
            decimals: body.decimals,
            position: 1000,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "measure.created",
          actorUserId: actor.userId,
          targetType: "measure",
          targetId: created.id,
          ip: request.ip,
        });
        return created;
      });
      reply.code(201);
      return presentMeasure(row);
    },
  );

  r.patch(
    "/api/measures/:id",
    {
      config: { access: leaders },
      schema: {
        tags: ["pupil data"],
        summary: "Edit a measure: its name, expected value, national figures, or archive it",
        params: schoolParams,
        body: updateMeasureSchema,
        response: { 200: measureSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const { version, ...changes } = request.body;
      return deps.db.transaction().execute(async (trx) => {
        const measure = await trx
          .selectFrom("measures")
          .selectAll()
          .where("id", "=", request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!measure || !isSchoolLeaderOf(actor, measure.school_id)) {
          if (measure) await schoolForPupilData(trx, actor, measure.school_id, "manage");
          throw new NotFound("measure");
        }
        if (measure.version !== version) {
          throw new Conflict(
            "Someone else changed this measure since you opened it. Reload to see their change.",
          );
        }
        const expected = changes.expected;
        if (
          expected !== undefined &&
          expected !== null &&
          (expected < Number(measure.min) || expected > Number(measure.max))
        ) {
          throw new ValidationProblem("The expected value is outside the scale.", [
            { field: "expected", message: `Use a value from ${measure.min} to ${measure.max}.` },
          ]);
        }
        const updated = await trx
          .updateTable("measures")
          .set({
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(expected !== undefined ? { expected } : {}),
            ...(changes.nationalDisadvantagedPct !== undefined
              ? { national_disadvantaged_pct: changes.nationalDisadvantagedPct }
              : {}),
            ...(changes.nationalOtherPct !== undefined
              ? { national_other_pct: changes.nationalOtherPct }
              : {}),
            ...(changes.archived !== undefined
              ? { archived_at: changes.archived ? now : null }
              : {}),
            version: measure.version + 1,
          })
          .where("id", "=", measure.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "measure.updated",
          actorUserId: actor.userId,
          targetType: "measure",
          targetId: measure.id,
          ip: request.ip,
          details: { fields: Object.keys(changes).join(",") },
        });
        return presentMeasure(updated);
      });
    },
  );

  r.get(
    "/api/schools/:id/assessment-points",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary: "The school's assessment points, in date order, with how many values each holds",
        params: schoolParams,
        response: { 200: z.object({ items: z.array(assessmentPointSchema) }) },
      },
    },
    async (request) => {
      const school = await schoolInScope(deps.db, actorOf(request), request.params.id);
      return { items: await pointsOfSchool(deps.db, school.id, today(deps.clock)) };
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
        params: schoolParams,
        body: createAssessmentPointsSchema,
        response: { 201: z.object({ items: z.array(assessmentPointSchema) }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
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
      await deps.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("assessment_points")
          .select("name")
          .where("school_id", "=", school.id)
          .where("academic_year", "=", year.label)
          .execute();
        const taken = new Set(existing.map((p) => p.name.toLowerCase()));
        const fresh = points.filter((p) => !taken.has(p.name.toLowerCase()));
        if (fresh.length === 0) {
          throw new Conflict(
            "defaults" in body
              ? `${year.label} already has its half-term points.`
              : `${year.label} already has a point called ${points[0]?.name}.`,
            { errors: [{ field: "name", message: "This point already exists." }] },
          );
        }
        await trx
          .insertInto("assessment_points")
          .values(
            fresh.map((p) => ({
              school_id: school.id,
              academic_year: year.label,
              name: p.name,
              starts_on: p.startsOn,
              ends_on: p.endsOn,
              created_at: now,
            })),
          )
          .execute();
        await recordAudit(trx, now, {
          action: "assessment_points.created",
          actorUserId: actor.userId,
          targetType: "school",
          targetId: school.id,
          ip: request.ip,
          details: { count: fresh.length, academicYear: year.label },
        });
      });
      reply.code(201);
      return { items: await pointsOfSchool(deps.db, school.id, today(deps.clock)) };
    },
  );
}
