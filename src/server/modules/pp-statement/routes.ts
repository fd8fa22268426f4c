import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ppEnteredSchema,
  ppPublishedInputSchema,
  ppStatementSchema,
  ppYearQuerySchema,
} from "../../../contracts/pp-statement.ts";
import { academicYearOf, parseAcademicYear } from "../../../domain/academic-year.ts";
import { today } from "../../../domain/calendar.ts";
import { EMPTY_ENTERED, fill } from "../../../domain/pp-statement.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { draftStatement, presentDraft } from "./draft.ts";
import { ppStatementPolicy } from "./policy.ts";
import { statementDocx, statementHtml } from "./render.ts";
import { saveEntered, schoolForStatement, setPublished } from "./store.ts";
import { PP_TEMPLATE } from "./template.ts";
import { checkEntered } from "./validate.ts";

const schoolParams = z.strictObject({ id: z.uuid() });
const READERS = anyOf("school_leader", "teacher");
const LEADERS = anyOf("school_leader");

/** "2026/27" → "2026-27", and the school's name as a file name can hold it. */
export function statementFileName(school: { name: string }, year: string, extension: string) {
  const slug = school.name
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, "-")
    .replaceAll(/^-|-$/g, "");
  return `pupil-premium-statement-${slug || "school"}-${year.replace("/", "-")}.${extension}`;
}

/**
 * The pupil premium strategy statement (issue 17): the year's draft, drafted
 * from what Cascade holds and what the school's team enters; saved by its
 * leaders; downloaded as Word or HTML by its leaders and teachers (audited).
 */
export async function ppStatementRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const template = PP_TEMPLATE;

  /** The school (404 outside it), the year asked for (the current one by default) and today. */
  async function context(
    request: FastifyRequest & { params: { id: string }; query: { year?: string | undefined } },
  ) {
    const actor = actorOf(request);
    const school = await schoolForStatement(deps.db, actor, request.params.id);
    const day = today(deps.clock);
    const parsed = request.query.year ? parseAcademicYear(request.query.year) : null;
    const academicYear = parsed?.ok ? parsed.label : academicYearOf(day);
    return { actor, school, academicYear, day };
  }

  /** The draft as the API answers it, with what this reader may do with it. */
  const draftFor = (ctx: Awaited<ReturnType<typeof context>>) =>
    presentDraft(
      deps.db,
      template,
      ctx.school,
      { academicYear: ctx.academicYear, today: ctx.day },
      {
        edit: ppStatementPolicy.edit(ctx.actor, ctx.school),
        download: ppStatementPolicy.read(ctx.actor, ctx.school),
      },
    );

  r.get(
    "/api/schools/:id/pp-statement",
    {
      config: { access: READERS },
      schema: {
        tags: ["pupil premium statement"],
        summary:
          "The year's pupil premium strategy statement as drafted: what the team entered, the computed figures, and the document's blocks",
        params: schoolParams,
        querystring: ppYearQuerySchema,
        response: { 200: ppStatementSchema },
      },
    },
    async (request) => {
      const { actor, school, academicYear, day } = await context(request);
      authorize(
        ppStatementPolicy.read(actor, school),
        "Only the school's leaders and teachers read its statement.",
      );
      return draftFor({ actor, school, academicYear, day });
    },
  );

  r.put(
    "/api/schools/:id/pp-statement",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["pupil premium statement"],
        summary:
          "Save what the team entered in the year's statement (all of it, replacing what was there)",
        params: schoolParams,
        querystring: ppYearQuerySchema,
        body: ppEnteredSchema,
        response: { 200: ppStatementSchema },
      },
    },
    async (request) => {
      const { actor, school, academicYear, day } = await context(request);
      authorize(ppStatementPolicy.edit(actor, school), "Only the school's leaders can do this.");
      await checkEntered(deps.db, school.id, request.body);
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          saveEntered(trx, {
            schoolId: school.id,
            academicYear,
            entered: request.body,
            userId: actor.userId,
            now,
          }),
        (saved) => ({
          action: saved.created ? "pp_statement.created" : "pp_statement.updated",
          targetType: "pp_statement",
          targetId: saved.id,
          details: {
            academicYear,
            challenges: request.body.challenges.length,
            activities: request.body.activities.length,
          },
        }),
      );
      return draftFor({ actor, school, academicYear, day });
    },
  );

  r.put(
    "/api/schools/:id/pp-statement/published",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["pupil premium statement"],
        summary:
          "Mark the year's statement as published on the school's website (or not): no reminder goes once it is",
        params: schoolParams,
        querystring: ppYearQuerySchema,
        body: ppPublishedInputSchema,
        response: { 200: ppStatementSchema },
      },
    },
    async (request) => {
      const { actor, school, academicYear, day } = await context(request);
      authorize(ppStatementPolicy.edit(actor, school), "Only the school's leaders can do this.");
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          setPublished(trx, {
            schoolId: school.id,
            academicYear,
            published: request.body.published,
            empty: EMPTY_ENTERED,
            userId: actor.userId,
            now,
          }),
        (change) =>
          change.from === change.to || change.id === null
            ? []
            : {
                action: "pp_statement.published_changed",
                targetType: "pp_statement",
                targetId: change.id,
                details: { academicYear, from: change.from, to: change.to },
              },
      );
      return draftFor({ actor, school, academicYear, day });
    },
  );

  for (const format of ["docx", "html"] as const) {
    r.get(
      `/api/schools/:id/pp-statement/document.${format}`,
      {
        config: { access: READERS },
        schema: {
          tags: ["pupil premium statement"],
          summary:
            format === "docx"
              ? "Download the year's statement for Word (.docx), on the DfE template's headings (audited)"
              : "The year's statement as a plain HTML page, on the DfE template's headings (audited)",
          params: schoolParams,
          querystring: ppYearQuerySchema,
          produces: [
            format === "docx"
              ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              : "text/html",
          ],
        },
      },
      async (request, reply) => {
        const { actor, school, academicYear, day } = await context(request);
        authorize(
          ppStatementPolicy.read(actor, school),
          "Only the school's leaders and teachers read its statement.",
        );
        const { blocks } = await draftStatement(deps.db, template, school, {
          academicYear,
          today: day,
        });
        const title = fill(template.title, { school: school.name, year: academicYear });
        const name = statementFileName(school, academicYear, format);
        await recordAudit(deps.db, deps.clock.now(), {
          action: "pp_statement.exported",
          actorUserId: actor.userId,
          targetType: "school",
          targetId: school.id,
          ip: request.ip,
          details: { academicYear, format },
        });
        if (format === "html")
          return reply
            .header("content-type", "text/html; charset=utf-8")
            .header("content-disposition", `inline; filename="${name}"`)
            .send(statementHtml(blocks, title));
        return reply
          .header(
            "content-type",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          )
          .header("content-disposition", `attachment; filename="${name}"`)
          .send(await statementDocx(blocks, title));
      },
    );
  }
}
