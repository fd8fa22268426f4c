import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isoDate } from "../../../contracts/dates.ts";
import {
  IMPORT_KINDS,
  importErrorSchema,
  importPreviewSchema,
  importSummarySchema,
} from "../../../contracts/pupil-data.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { type ImportRequest, previewImport, runImport } from "./service.ts";
import { undoImport } from "./undo.ts";

const schoolParams = z.strictObject({ id: z.uuid() });
const problemWithRows = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(importErrorSchema),
});

/** The form fields of an import: kind, and optionally the mapping and the assessment point. */
function requestFrom(
  schoolId: string,
  upload: Awaited<ReturnType<typeof readUpload>>,
): ImportRequest {
  const kind = upload.fields.kind;
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationProblem("Say what the file holds.", [
      { field: "kind", message: "Use pupils or observations." },
    ]);
  }
  let mapping: Record<string, string | null> | undefined;
  if (upload.fields.mapping) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(upload.fields.mapping);
    } catch {
      throw new ValidationProblem("The mapping is not JSON.", [
        { field: "mapping", message: 'Send an object like {"UPN": "upn"}.' },
      ]);
    }
    const result = z.record(z.string(), z.string().nullable()).safeParse(parsed);
    if (!result.success) {
      throw new ValidationProblem("The mapping is not column → field.", [
        {
          field: "mapping",
          message:
            'Send an object of column names to field names (or null to ignore), like {"UPN": "upn"}.',
        },
      ]);
    }
    mapping = result.data;
  }
  const point = upload.fields.assessmentPointId;
  if (point && !z.uuid().safeParse(point).success) {
    throw new ValidationProblem("No such assessment point.", [
      { field: "assessmentPointId", message: "Choose one of the school's points." },
    ]);
  }
  const leavers = leaversFrom(kind, upload.fields);
  return {
    schoolId,
    kind: kind as ImportRequest["kind"],
    fileName: upload.filename,
    bytes: upload.file,
    ...(mapping ? { mapping } : {}),
    ...(point ? { assessmentPointId: point } : {}),
    ...(leavers ? { leavers } : {}),
  };
}

/** `leavers` (the preview's token) with `leftOn`: mark the pupils the preview listed as left. */
function leaversFrom(
  kind: string,
  fields: Record<string, string>,
): ImportRequest["leavers"] | undefined {
  const token = fields.leavers;
  const leftOn = fields.leftOn;
  if (!token) {
    if (leftOn) {
      throw new ValidationProblem("A leaving date needs the pupils it is for.", [
        {
          field: "leavers",
          message: "Send the preview's leavers.token with leftOn, or leave leftOn out.",
        },
      ]);
    }
    return undefined;
  }
  if (kind !== "pupils") {
    throw new ValidationProblem("Only a pupil list can mark pupils as left.", [
      { field: "leavers", message: "Send leavers only with kind pupils." },
    ]);
  }
  if (!leftOn) {
    throw new ValidationProblem("Say when these pupils left.", [
      { field: "leftOn", message: "Give the leaving date, like 2026-07-22." },
    ]);
  }
  const date = isoDate.safeParse(leftOn);
  if (!date.success) {
    throw new ValidationProblem("The leaving date is not a date.", [
      { field: "leftOn", message: date.error.issues[0]?.message ?? "Use a date like 2026-07-22." },
    ]);
  }
  return { token: token.slice(0, 100), leftOn: date.data };
}

export async function importRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leaders = anyOf("school_leader");
  const multipartDoc =
    "multipart/form-data: `file` (CSV or XLSX, up to 20 MB), `kind` (pupils | observations), optional `mapping` " +
    "(JSON: column → field, null to ignore a column) and, for observations without a point column, `assessmentPointId`. " +
    "To mark the pupils on roll that a pupil list leaves out as left (only with the import, never the preview): " +
    "`leavers` (the preview's `leavers.token`) and `leftOn` (YYYY-MM-DD, today or earlier).";

  r.post(
    "/api/schools/:id/imports/preview",
    {
      config: { access: leaders, acceptsMultipart: true },
      schema: {
        tags: ["imports"],
        summary:
          "Check a file without storing it: the suggested mapping, the first rows as they will be stored, every problem",
        description: multipartDoc,
        consumes: ["multipart/form-data"],
        params: schoolParams,
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      const school = await schoolForPupilData(
        deps.db,
        actorOf(request),
        request.params.id,
        "manage",
      );
      const upload = await readUpload(request);
      const preview = await previewImport(
        deps.db,
        requestFrom(school.id, upload),
        londonToday(deps.clock),
      );
      // The pupils the file leaves out are named pupil data read in bulk: audited (counts only).
      if (preview.leavers && preview.leavers.count > 0) {
        await recordAudit(deps.db, deps.clock.now(), {
          action: "import.leavers_listed",
          actorUserId: actorOf(request).userId,
          targetType: "school",
          targetId: school.id,
          ip: request.ip,
          details: { count: preview.leavers.count },
        });
      }
      return preview;
    },
  );

  r.post(
    "/api/schools/:id/imports",
    {
      config: { access: leaders, acceptsMultipart: true },
      schema: {
        tags: ["imports"],
        summary: "Import a pupil list or an assessment export: all or nothing",
        description: multipartDoc,
        consumes: ["multipart/form-data"],
        params: schoolParams,
        response: { 201: importSummarySchema, 422: problemWithRows },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      const upload = await readUpload(request);
      const importRequest = requestFrom(school.id, upload);
      const result = await deps.db.transaction().execute(async (trx) => {
        const done = await runImport(trx, importRequest, { userId: actor.userId, now });
        await recordAudit(trx, now, {
          action: "import.completed",
          actorUserId: actor.userId,
          targetType: "import",
          targetId: done.importId,
          ip: request.ip,
          details: {
            kind: importRequest.kind,
            rows: done.rows,
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            markedLeft: done.markedLeft,
            ...(importRequest.leavers ? { leftOn: importRequest.leavers.leftOn } : {}),
          },
        });
        return done;
      });
      reply.code(201);
      return {
        id: result.importId,
        kind: importRequest.kind,
        fileName: importRequest.fileName,
        rows: result.rows,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        markedLeft: result.markedLeft,
        createdAt: now.toISOString(),
        createdBy: actor.name,
        undoneAt: null,
        canUndo: true,
      };
    },
  );

  r.get(
    "/api/schools/:id/imports",
    {
      config: { access: leaders },
      schema: {
        tags: ["imports"],
        summary: "Every import into the school, newest first",
        params: schoolParams,
        response: { 200: z.object({ items: z.array(importSummarySchema) }) },
      },
    },
    async (request) => {
      const school = await schoolForPupilData(
        deps.db,
        actorOf(request),
        request.params.id,
        "manage",
      );
      const rows = await deps.db
        .selectFrom("imports")
        .leftJoin("users", "users.id", "imports.created_by")
        .select([
          "imports.id",
          "imports.kind",
          "imports.file_name",
          "imports.rows",
          "imports.created",
          "imports.updated",
          "imports.unchanged",
          "imports.marked_left",
          "imports.created_at",
          "imports.undone_at",
          "users.name as created_by_name",
        ])
        .where("imports.school_id", "=", school.id)
        .orderBy("imports.seq", "desc")
        .limit(200)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          fileName: row.file_name,
          rows: row.rows,
          created: row.created,
          updated: row.updated,
          unchanged: row.unchanged,
          markedLeft: row.marked_left,
          createdAt: row.created_at.toISOString(),
          createdBy: row.created_by_name,
          undoneAt: row.undone_at?.toISOString() ?? null,
          // Whether undo will succeed is checked when asked; here, only the obvious.
          canUndo: row.undone_at === null,
        })),
      };
    },
  );

  r.delete(
    "/api/imports/:id",
    {
      config: { access: leaders },
      schema: {
        tags: ["imports"],
        summary: "Undo an import, while no later import has touched the same data",
        params: schoolParams,
        response: { 200: z.object({ restored: z.number().int(), removed: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const schools = schoolIdsOf(actor, ["school_leader"]);
      return deps.db.transaction().execute(async (trx) => {
        const record =
          schools.length === 0
            ? undefined
            : await trx
                .selectFrom("imports")
                .select(["id", "school_id", "seq", "undone_at"])
                .where("id", "=", request.params.id)
                .where("school_id", "in", schools)
                .forUpdate()
                .executeTakeFirst();
        if (!record) throw new NotFound("import");
        if (record.undone_at) throw new Conflict("This import has already been undone.");
        const result = await undoImport(trx, {
          importId: record.id,
          schoolId: record.school_id,
          seq: record.seq,
          userId: actor.userId,
          now,
        });
        await recordAudit(trx, now, {
          action: "import.undone",
          actorUserId: actor.userId,
          targetType: "import",
          targetId: record.id,
          ip: request.ip,
          details: result,
        });
        return result;
      });
    },
  );
}
