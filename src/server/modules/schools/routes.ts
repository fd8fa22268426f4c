import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createSchoolSchema,
  importErrorSchema,
  listSchoolsQuerySchema,
  schoolImportResultSchema,
  schoolSchema,
  updateSchoolSchema,
} from "../../../contracts/network.ts";
import { proposeShortCode } from "../../../domain/short-code.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { ValidationProblem } from "../../errors.ts";
import { CsvFormatError } from "../../imports/read-csv.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { importSchools, parseGiasFile } from "./import.ts";
import { schoolPolicy } from "./policy.ts";
import {
  assertHubExists,
  assertUniqueSchool,
  insertSchool,
  lockSchools,
  schoolInScope,
  schoolPage,
  takenShortCodes,
  updateSchool,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const MANAGE = "Only network administrators manage schools.";
const problemWithRows = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(importErrorSchema),
});

export async function schoolRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");

  r.get(
    "/api/schools",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["network"],
        summary: "Schools the caller may see (all of them, for network administrators)",
        querystring: listSchoolsQuerySchema,
        response: { 200: z.object({ items: z.array(schoolSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return schoolPage(deps.db, actor, request.query);
    },
  );

  r.get(
    "/api/schools/proposed-short-code",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "A free 3-letter short code proposed from a school's name",
        querystring: z.strictObject({ name: z.string().trim().min(1).max(200) }),
        response: { 200: z.object({ shortCode: z.string() }) },
      },
    },
    async (request) => {
      authorize(schoolPolicy.manage(actorOf(request)), MANAGE);
      return { shortCode: proposeShortCode(request.query.name, await takenShortCodes(deps.db)) };
    },
  );

  r.post(
    "/api/schools",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Create a school",
        body: createSchoolSchema,
        response: { 201: schoolSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      authorize(schoolPolicy.manage(actor), MANAGE);
      const school = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          await lockSchools(trx);
          await assertHubExists(trx, body.hubId);
          await assertUniqueSchool(trx, { urn: body.urn, shortCode: body.shortCode });
          const id = await insertSchool(trx, { ...body, hubId: body.hubId ?? null }, now);
          return schoolInScope(trx, actor, id);
        },
        (school) => ({ action: "school.created", targetType: "school", targetId: school.id }),
      );
      reply.code(201);
      return school;
    },
  );

  r.get(
    "/api/schools/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["network"],
        summary: "One school",
        params: idParams,
        response: { 200: schoolSchema },
      },
    },
    async (request) => schoolInScope(deps.db, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/schools/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Edit or archive a school",
        params: idParams,
        body: updateSchoolSchema,
        response: { 200: schoolSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      const { id } = request.params;
      return auditedChange(
        deps,
        actor,
        async (trx, now) => {
          await lockSchools(trx);
          await schoolInScope(trx, actor, id);
          authorize(schoolPolicy.manage(actor), MANAGE);
          await assertHubExists(trx, body.hubId);
          await assertUniqueSchool(trx, { shortCode: body.shortCode }, id);
          await updateSchool(trx, id, body, now);
          return schoolInScope(trx, actor, id);
        },
        () => ({
          action: "school.updated",
          targetType: "school",
          targetId: id,
          details: { fields: Object.keys(body).join(",") },
        }),
      );
    },
  );

  r.post(
    "/api/schools/import",
    {
      config: { access: admin, acceptsMultipart: true },
      schema: {
        tags: ["network"],
        summary:
          "Import schools from a CSV in the layout of the DfE's Get Information About Schools extract",
        description:
          "multipart/form-data with `file` (CSV: URN, EstablishmentName, PhaseOfEducation (name), LA (name), Postcode; " +
          "other columns ignored) and optional `hubId`. All or nothing: any bad row → 422 listing every problem.",
        consumes: ["multipart/form-data"],
        response: { 201: schoolImportResultSchema, 422: problemWithRows },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request);
      const hubId = upload.fields.hubId || null;
      if (hubId && !z.uuid().safeParse(hubId).success) {
        throw new ValidationProblem("hubId is not an id.", [
          { field: "hubId", message: "Choose one of the network's hubs." },
        ]);
      }
      let schools: ReturnType<typeof parseGiasFile>;
      try {
        schools = parseGiasFile(upload.file);
      } catch (error) {
        if (error instanceof CsvFormatError) {
          throw new ValidationProblem(error.message, [{ field: "file", message: error.message }]);
        }
        throw error;
      }
      const result = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          await assertHubExists(trx, hubId);
          return importSchools(trx, schools, { hubId, now });
        },
        (counts) => ({
          action: "schools.imported",
          targetType: "file",
          targetId: upload.filename.slice(0, 200),
          details: { ...counts },
        }),
      );
      reply.code(201);
      return result;
    },
  );
}
