import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  caseStudySchema,
  publishSchema,
  reviewNoteSchema,
  withdrawSchema,
} from "../../../contracts/case-studies.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { caseStudyPdf } from "./pdf.ts";
import { caseStudyParts, EITHER, idParams, REVIEW_REFUSED, REVIEWERS } from "./route-parts.ts";
import { caseStudyInScope, insertEvent, presentCaseStudy, updateCaseStudy } from "./store.ts";

/** Case studies in review: comments, changes asked, publishing, withdrawal; and the PDF export. */
export async function caseStudyReviewRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { change } = caseStudyParts(deps);

  r.post(
    "/api/case-studies/:id/comments",
    {
      config: { access: EITHER },
      schema: {
        tags: ["case-studies"],
        summary: "Comment on a case study in review (its school's leaders and its reviewers)",
        params: idParams,
        body: reviewNoteSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "comment", REVIEW_REFUSED, async (trx, now, row) => {
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "comment",
          body: request.body.body,
          authorId: actor.userId,
        });
        return { row, action: "case_study.commented" };
      });
    },
  );

  r.post(
    "/api/case-studies/:id/request-changes",
    {
      config: { access: REVIEWERS },
      schema: {
        tags: ["case-studies"],
        summary: "Send a submitted case study back to its school with what to change",
        params: idParams,
        body: reviewNoteSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "review", REVIEW_REFUSED, async (trx, now, row) => {
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "changes_requested",
          body: request.body.body,
          authorId: actor.userId,
        });
        return {
          row: await updateCaseStudy(trx, now, row.id, { status: "changes_requested" }),
          action: "case_study.changes_requested",
        };
      });
    },
  );

  r.post(
    "/api/case-studies/:id/publish",
    {
      config: { access: REVIEWERS },
      schema: {
        tags: ["case-studies"],
        summary: "Publish a submitted case study to its cluster or to the whole network",
        params: idParams,
        body: publishSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "review", REVIEW_REFUSED, async (trx, now, row) => {
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "published",
          body: request.body.body ?? "",
          authorId: actor.userId,
        });
        return {
          row: await updateCaseStudy(trx, now, row.id, {
            status: "published",
            audience: request.body.audience,
            published_at: now,
            published_by: actor.userId,
            withdrawn_at: null,
          }),
          action: "case_study.published",
          details: { audience: request.body.audience },
        };
      });
    },
  );

  r.post(
    "/api/case-studies/:id/withdraw",
    {
      config: { access: EITHER },
      schema: {
        tags: ["case-studies"],
        summary: "Withdraw a case study at any stage (its school's leaders or its reviewers)",
        params: idParams,
        body: withdrawSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "withdraw", REVIEW_REFUSED, async (trx, now, row) => {
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "withdrawn",
          body: request.body.body ?? "",
          authorId: actor.userId,
        });
        return {
          row: await updateCaseStudy(trx, now, row.id, { status: "withdrawn", withdrawn_at: now }),
          action: "case_study.withdrawn",
        };
      });
    },
  );

  r.get(
    "/api/case-studies/:id/case-study.pdf",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["case-studies"],
        summary: "One case study as a PDF for a meeting: no pupil, the school as it is shown",
        params: idParams,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, facts } = await caseStudyInScope(deps.db, actor, request.params.id);
      const study = await presentCaseStudy(deps.db, actor, row, facts);
      const bytes = await caseStudyPdf(study);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "case_study.exported",
        actorUserId: actor.userId,
        targetType: "case_study",
        targetId: row.id,
        ip: request.ip,
        details: { format: "pdf" },
      });
      const slug = study.title
        .toLowerCase()
        .replaceAll(/[^a-z0-9]+/g, "-")
        .slice(0, 60);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="case-study-${slug}.pdf"`)
        .send(bytes);
    },
  );
}
