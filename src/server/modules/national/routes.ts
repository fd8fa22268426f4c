import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  nationalFigureSchema,
  nationalFiguresSchema,
  nationalLinkInputSchema,
  nationalLinkSchema,
  newNationalFigureSchema,
} from "../../../contracts/national.ts";
import { today } from "../../../domain/calendar.ts";
import { UNIT_RANGE } from "../../../domain/national-figures.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, type FieldError, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { measureOfSchool } from "../measures/store.ts";
import { nationalPolicy } from "./policy.ts";
import {
  figureExists,
  insertFigure,
  nationalFigures,
  nationalMeasureByKey,
  nationalMeasures,
  presentNationalFigure,
  presentNationalMeasure,
  setNationalLink,
} from "./store.ts";

const FIGURE_FIELDS = ["disadvantaged", "other", "allPupils", "gap"] as const;

/**
 * National figures (DfE, England) as dated reference rows: read by everyone
 * signed in, added to by a network administrator; and a school leader's mapping
 * of one of the school's measures to a national measure for the gap dashboard.
 */
export async function nationalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/national-figures",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["pupil data"],
        summary:
          "The national measures and their published figures by year, with source and status",
        response: { 200: nationalFiguresSchema },
      },
    },
    async () => ({
      measures: (await nationalMeasures(deps.db)).map(presentNationalMeasure),
      figures: (await nationalFigures(deps.db)).map(presentNationalFigure),
    }),
  );

  r.post(
    "/api/national-figures",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["pupil data"],
        summary: "Add a year's published national figures for a national measure",
        body: newNationalFigureSchema,
        response: { 201: nationalFigureSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(nationalPolicy.addFigures(actor));
      const body = request.body;
      const measure = await nationalMeasureByKey(deps.db, body.measureKey);
      if (!measure)
        throw new ValidationProblem("No such national measure.", [
          { field: "measureKey", message: "Choose one of the national measures listed." },
        ]);
      const range = UNIT_RANGE[measure.unit];
      const errors: FieldError[] = [];
      for (const field of FIGURE_FIELDS) {
        const value = body[field];
        if (value === undefined || value === null) continue;
        if (value < range.min || value > range.max)
          errors.push({ field, message: `Give ${range.label}.` });
      }
      if (measure.kind === "gap_index" && FIGURE_FIELDS.some((f) => f !== "gap" && body[f] != null))
        errors.push({
          field: "disadvantaged",
          message: "The gap index is one national number: give it as the gap, nothing else.",
        });
      if (body.readOn > today(deps.clock))
        errors.push({
          field: "readOn",
          message: "Give the day the figures were read: today or earlier.",
        });
      if (errors.length > 0) throw new ValidationProblem("Some figures cannot be right.", errors);
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          if (await figureExists(trx, measure.key, body.academicYear, body.status))
            throw new Conflict(
              `The ${body.status} figures for ${body.academicYear} are already there for this measure.`,
            );
          return insertFigure(trx, now, measure.key, body, actor.userId);
        },
        (inserted) => ({
          action: "national_figure.created",
          targetType: "national_figure",
          targetId: inserted.id,
          details: { measureKey: measure.key, academicYear: body.academicYear },
        }),
      );
      return reply.status(201).send(presentNationalFigure(row));
    },
  );

  r.put(
    "/api/schools/:id/measures/:measureId/national-measure",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary:
          "Map one of the school's measures to a national measure (or clear it), so the gap dashboard shows the national figures beside it",
        params: z.strictObject({ id: z.uuid(), measureId: z.uuid() }),
        body: nationalLinkInputSchema,
        response: { 200: nationalLinkSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(nationalPolicy.mapMeasure(actor, school), "Only the school's leaders can do this.");
      const measure = await measureOfSchool(deps.db, school.id, request.params.measureId);
      if (!measure) throw new NotFound("measure");
      const key = request.body.nationalMeasureKey;
      if (key !== null) {
        const national = await nationalMeasureByKey(deps.db, key);
        if (!national)
          throw new ValidationProblem("No such national measure.", [
            { field: "nationalMeasureKey", message: "Choose one of the national measures listed." },
          ]);
        if (national.kind === "gap_index")
          throw new ValidationProblem("The gap index cannot be mapped to a school's measure.", [
            {
              field: "nationalMeasureKey",
              message:
                "The disadvantage gap index is national only: choose an attainment measure to compare with.",
            },
          ]);
      }
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          setNationalLink(trx, now, {
            measureId: measure.id,
            schoolId: school.id,
            key,
            mappedBy: actor.userId,
          }),
        () => ({
          action: "measure.national_mapped",
          targetType: "measure",
          targetId: measure.id,
          details: { nationalMeasureKey: key },
        }),
      );
      return { measureId: measure.id, nationalMeasureKey: key };
    },
  );
}
