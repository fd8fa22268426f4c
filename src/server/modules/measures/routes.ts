import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createMeasureSchema,
  measureListSchema,
  measureSchema,
  updateMeasureSchema,
} from "../../../contracts/pupil-data.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { schoolInScope } from "../schools/store.ts";
import { LEADERS_ONLY, measureAbilities, measurePolicy } from "./policy.ts";
import {
  insertOwnMeasure,
  measureInScope,
  measureNameTaken,
  measuresOfSchool,
  ownMeasureKey,
  presentMeasure,
  updateMeasure,
} from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

/** A school's measures: the catalogue as edited and its own, read by all who see the school. */
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
        response: { 200: measureListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolInScope(deps.db, actor, request.params.id);
      const rows = await measuresOfSchool(
        deps.db,
        school.id,
        request.query.includeArchived === "true",
      );
      return { items: rows.map(presentMeasure), abilities: measureAbilities(actor, school) };
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
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(measurePolicy.addMeasure(actor, school), LEADERS_ONLY);
      const body = request.body;
      const key = ownMeasureKey(body.name);
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          if (await measureNameTaken(trx, school.id, key, body.name))
            throw new Conflict(`The school already has a measure called ${body.name}.`, {
              errors: [{ field: "name", message: "This name is taken." }],
            });
          return insertOwnMeasure(trx, now, school.id, key, body);
        },
        (created) => ({ action: "measure.created", targetType: "measure", targetId: created.id }),
      );
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
      const { version, ...changes } = request.body;
      const updated = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const measure = await measureInScope(trx, actor, request.params.id);
          authorize(measurePolicy.editMeasure(actor, measure), LEADERS_ONLY);
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
          return updateMeasure(trx, now, measure, changes);
        },
        (measure) => ({
          action: "measure.updated",
          targetType: "measure",
          targetId: measure.id,
          details: { fields: Object.keys(changes).join(",") },
        }),
      );
      return presentMeasure(updated);
    },
  );
}
