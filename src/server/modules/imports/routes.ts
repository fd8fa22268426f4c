import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  importErrorSchema,
  importPreviewSchema,
  importSummarySchema,
} from "../../../contracts/pupil-data.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { requestFrom } from "./import-request.ts";
import { importPolicy } from "./policy.ts";
import { previewImport, runImport } from "./service.ts";
import { importsOfSchool, importToUndo, presentImport } from "./store.ts";
import { undoImport } from "./undo.ts";

const LEADERS_ONLY = "Only the school's leaders can do this.";

const schoolParams = z.strictObject({ id: z.uuid() });
const problemWithRows = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(importErrorSchema),
});

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
      const school = await schoolForPupilData(deps.db, actorOf(request), request.params.id, "read");
      authorize(importPolicy.importInto(actorOf(request), school), LEADERS_ONLY);
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
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(importPolicy.importInto(actor, school), LEADERS_ONLY);
      const importRequest = requestFrom(school.id, await readUpload(request));
      const { done, now } = await auditedChange(
        deps,
        actor,
        async (trx, now) => ({
          done: await runImport(trx, importRequest, { userId: actor.userId, now }),
          now,
        }),
        ({ done }) => ({
          action: "import.completed",
          targetType: "import",
          targetId: done.importId,
          details: {
            kind: importRequest.kind,
            rows: done.rows,
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            markedLeft: done.markedLeft,
            ...(importRequest.leavers ? { leftOn: importRequest.leavers.leftOn } : {}),
          },
        }),
      );
      reply.code(201);
      const row = {
        id: done.importId,
        school_id: school.id,
        kind: importRequest.kind,
        file_name: importRequest.fileName,
        rows: done.rows,
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        marked_left: done.markedLeft,
        created_at: now,
        undone_at: null,
        created_by_name: actor.name,
      };
      return presentImport(row, importPolicy.undo(actor, { schoolId: school.id }));
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
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(importPolicy.importInto(actor, school), LEADERS_ONLY);
      const rows = await importsOfSchool(deps.db, school.id);
      return {
        items: rows.map((row) =>
          // Whether undo will succeed is checked when asked; here, only the obvious.
          presentImport(
            row,
            importPolicy.undo(actor, { schoolId: row.school_id }) && row.undone_at === null,
          ),
        ),
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
      const { result } = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const record = await importToUndo(trx, actor, request.params.id);
          authorize(importPolicy.undo(actor, record), LEADERS_ONLY);
          if (record.undoneAt) throw new Conflict("This import has already been undone.");
          const result = await undoImport(trx, {
            importId: record.id,
            schoolId: record.schoolId,
            seq: record.seq,
            userId: actor.userId,
            now,
          });
          return { record, result };
        },
        ({ record, result }) => ({
          action: "import.undone",
          targetType: "import",
          targetId: record.id,
          details: result,
        }),
      );
      return result;
    },
  );
}
