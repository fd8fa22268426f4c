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
import { containing } from "../../../db/like.ts";
import { proposeShortCode } from "../../../domain/short-code.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { CsvFormatError } from "../../imports/read-csv.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { ensureCatalogueMeasures } from "../measures/store.ts";
import { importSchools, parseGiasFile } from "./import.ts";
import {
  assertHubExists,
  assertUniqueSchool,
  insertSchool,
  lockSchools,
  presentSchool,
  schoolInScope,
  schoolQuery,
  takenShortCodes,
  visibleSchools,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
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
      const { search, hubId, includeArchived, offset, limit } = request.query;
      const filtered = deps.db
        .selectFrom("schools")
        .where(visibleSchools(actor))
        .$if(includeArchived !== "true", (q) => q.where("schools.archived_at", "is", null))
        .$if(Boolean(hubId), (q) => q.where("schools.hub_id", "=", hubId as string))
        .$if(Boolean(search), (q) =>
          q.where((eb) =>
            eb.or([
              eb("schools.name", "ilike", containing(search ?? "")),
              eb("schools.urn", "=", search ?? ""),
              eb("schools.short_code", "=", (search ?? "").toUpperCase()),
            ]),
          ),
        );
      const [rows, total] = await Promise.all([
        schoolQuery(deps.db)
          .where("schools.id", "in", filtered.select("schools.id"))
          .orderBy("schools.name")
          .orderBy("schools.id")
          .offset(offset)
          .limit(limit)
          .execute(),
        filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(presentSchool), total: Number(total.n) };
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
    async (request) => ({
      shortCode: proposeShortCode(request.query.name, await takenShortCodes(deps.db)),
    }),
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
      const now = deps.clock.now();
      const body = request.body;
      const school = await deps.db.transaction().execute(async (trx) => {
        await lockSchools(trx);
        await assertHubExists(trx, body.hubId);
        await assertUniqueSchool(trx, { urn: body.urn, shortCode: body.shortCode });
        const id = await insertSchool(trx, { ...body, hubId: body.hubId ?? null }, now);
        await recordAudit(trx, now, {
          action: "school.created",
          actorUserId: actor.userId,
          targetType: "school",
          targetId: id,
          ip: request.ip,
        });
        return schoolInScope(trx, actor, id);
      });
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
      const now = deps.clock.now();
      const body = request.body;
      return deps.db.transaction().execute(async (trx) => {
        await lockSchools(trx);
        await schoolInScope(trx, actor, request.params.id);
        await assertHubExists(trx, body.hubId);
        await assertUniqueSchool(trx, { shortCode: body.shortCode }, request.params.id);
        const updated = await trx
          .updateTable("schools")
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.phase !== undefined ? { phase: body.phase } : {}),
            ...(body.localAuthority !== undefined ? { local_authority: body.localAuthority } : {}),
            ...(body.postcode !== undefined ? { postcode: body.postcode } : {}),
            ...(body.hubId !== undefined ? { hub_id: body.hubId } : {}),
            ...(body.shortCode !== undefined ? { short_code: body.shortCode } : {}),
            ...(body.archived !== undefined ? { archived_at: body.archived ? now : null } : {}),
            updated_at: now,
          })
          .where("id", "=", request.params.id)
          .returning("id")
          .executeTakeFirst();
        if (!updated) throw new NotFound("school");
        // A school that changes phase gains that phase's built-in measures (and keeps its data).
        if (body.phase !== undefined)
          await ensureCatalogueMeasures(trx, request.params.id, body.phase);
        await recordAudit(trx, now, {
          action: "school.updated",
          actorUserId: actor.userId,
          targetType: "school",
          targetId: request.params.id,
          ip: request.ip,
          details: { fields: Object.keys(body).join(",") },
        });
        return schoolInScope(trx, actor, request.params.id);
      });
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
      const now = deps.clock.now();
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
      const result = await deps.db.transaction().execute(async (trx) => {
        await assertHubExists(trx, hubId);
        const counts = await importSchools(trx, schools, { hubId, now });
        await recordAudit(trx, now, {
          action: "schools.imported",
          actorUserId: actor.userId,
          targetType: "file",
          targetId: upload.filename.slice(0, 200),
          ip: request.ip,
          details: { ...counts },
        });
        return counts;
      });
      reply.code(201);
      return result;
    },
  );
}
