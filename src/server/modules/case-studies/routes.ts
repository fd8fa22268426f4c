import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  caseStudyDraftListSchema,
  caseStudyListSchema,
  caseStudySchema,
  evaluationChoiceSchema,
  libraryQuerySchema,
  namesFoundSchema,
  publishSchema,
  reviewNoteSchema,
  startCaseStudySchema,
  TEXT_FIELD_LABELS,
  TEXT_FIELDS,
  updateCaseStudySchema,
  withdrawSchema,
} from "../../../contracts/case-studies.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { scanForNames } from "../../../domain/name-scan.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, NamesInText } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { ensureEvidenceLabels } from "../schools/store.ts";
import { evaluate } from "../strategies/evaluate.ts";
import { assertUsableEvidence } from "../strategies/share.ts";
import { type StrategyRow, strategyInScope } from "../strategies/store.ts";
import { caseStudyPdf } from "./pdf.ts";
import { caseStudyPolicy } from "./policy.ts";
import {
  type CaseStudyRow,
  caseStudyInScope,
  defaultChoice,
  draftFacts,
  filterColumns,
  insertCaseStudy,
  insertEvent,
  listDrafts,
  listLibrary,
  policyFacts,
  presentCaseStudy,
  pupilsForScan,
  updateCaseStudy,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const LEADERS = anyOf("school_leader");
const REVIEWERS = anyOf("programme_lead", "network_admin");
const EITHER = anyOf("school_leader", "programme_lead", "network_admin");
const WRITE_REFUSED = "Only the school's leaders write its case studies.";
const REVIEW_REFUSED = "Only the cluster's programme lead or a network administrator reviews it.";

/**
 * Case studies (issue 16): a story of change drafted from an evaluated
 * strategy's aggregates, written by the school's leaders, scanned for pupils'
 * names on submit, reviewed by the cluster's lead or an administrator and
 * published to the cluster or the network; the library finds them.
 */
export async function caseStudyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => londonToday(deps.clock);

  /** The facts of a strategy's evaluation as chosen (or defaulted); refused without a usable effect size. */
  async function factsFor(
    db: typeof deps.db,
    strategy: StrategyRow,
    asked: z.infer<typeof evaluationChoiceSchema>,
  ) {
    const choice = await defaultChoice(db, strategy, asked, today());
    const evaluation = await evaluate(db, strategy, choice);
    assertUsableEvidence(evaluation);
    return draftFacts(db, strategy, evaluation);
  }

  /** Loads within scope, checks the rule, runs one audited change and answers with the case study. */
  async function change(
    request: { params: { id: string } },
    actor: ReturnType<typeof actorOf>,
    rule: keyof typeof caseStudyPolicy,
    why: string,
    work: (
      trx: typeof deps.db,
      now: Date,
      row: CaseStudyRow,
    ) => Promise<{
      row: CaseStudyRow;
      action: string;
      details?: Record<string, string | number | boolean | null>;
    }>,
  ) {
    const { row: current, facts } = await caseStudyInScope(deps.db, actor, request.params.id);
    const allowed = caseStudyPolicy[rule] as (a: typeof actor, f: typeof facts) => boolean;
    if (!allowed(actor, facts)) {
      // The right person at the wrong moment is a conflict, not a refusal.
      const roleOnly = { ...facts, status: "draft" as const };
      const roleAlt = { ...facts, status: "submitted" as const };
      if (allowed(actor, roleOnly) || allowed(actor, roleAlt))
        throw new Conflict(
          `This case study is ${current.status.replace("_", " ")}: that cannot be done now.`,
        );
      authorize(false, why);
    }
    const done = await auditedChange(
      deps,
      actor,
      (trx, now) => work(trx, now, current),
      (result) => ({
        action: result.action,
        targetType: "case_study",
        targetId: current.id,
        details: result.details ?? {},
      }),
    );
    return presentCaseStudy(deps.db, actor, done.row, policyFacts(done.row, []));
  }

  r.post(
    "/api/strategies/:id/case-studies",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary:
          "Start a case study from an evaluated strategy: facts drafted from its aggregates (measure, points and comparison as chosen, or the strategy's shared evaluation)",
        params: idParams,
        body: startCaseStudySchema,
        response: { 201: caseStudySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const strategy = await strategyInScope(deps.db, actor, request.params.id);
      authorize(caseStudyPolicy.start(actor, { schoolId: strategy.school_id }), WRITE_REFUSED);
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const facts = await factsFor(trx, strategy, request.body);
          await ensureEvidenceLabels(trx, [strategy.school_id]);
          const enrolment = await currentEnrolment(trx, strategy.school_id, today());
          return insertCaseStudy(trx, now, {
            strategy,
            clusterId: enrolment?.clusterId ?? null,
            facts,
            createdBy: actor.userId,
          });
        },
        (created) => ({
          action: "case_study.created",
          targetType: "case_study",
          targetId: created.id,
          details: { strategyId: strategy.id },
        }),
      );
      reply.code(201);
      return presentCaseStudy(deps.db, actor, row, policyFacts(row, []));
    },
  );

  r.get(
    "/api/case-studies",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["case-studies"],
        summary:
          "The case-study library: published case studies the reader's audience reaches, by text search and filters, by relevance, date or effect",
        querystring: libraryQuerySchema,
        response: { 200: caseStudyListSchema },
      },
    },
    async (request) => listLibrary(deps.db, actorOf(request), request.query),
  );

  r.get(
    "/api/case-studies/drafts",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["case-studies"],
        summary:
          "Case studies not published that the reader writes (their school's) or reviews (their cluster's, or all for an administrator)",
        response: { 200: caseStudyDraftListSchema },
      },
    },
    async (request) => listDrafts(deps.db, actorOf(request)),
  );

  r.get(
    "/api/case-studies/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["case-studies"],
        summary:
          "One case study: a draft for its school's team and reviewers, a published one for its audience",
        params: idParams,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { row, facts } = await caseStudyInScope(deps.db, actor, request.params.id);
      return presentCaseStudy(deps.db, actor, row, facts);
    },
  );

  r.patch(
    "/api/case-studies/:id",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary: "Edit the team's words (Markdown), the title or whether the school is named",
        params: idParams,
        body: updateCaseStudySchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return change(request, actor, "edit", WRITE_REFUSED, async (trx, now, row) => ({
        row: await updateCaseStudy(trx, now, row.id, {
          ...(b.title !== undefined ? { title: b.title } : {}),
          ...(b.learned !== undefined ? { learned: b.learned } : {}),
          ...(b.differently !== undefined ? { differently: b.differently } : {}),
          ...(b.advice !== undefined ? { advice: b.advice } : {}),
          ...(b.quote !== undefined ? { quote: b.quote } : {}),
          ...(b.showSchoolName !== undefined ? { show_school_name: b.showSchoolName } : {}),
        }),
        action: "case_study.updated",
        details: { fields: Object.keys(b).join(",") },
      }));
    },
  );

  r.post(
    "/api/case-studies/:id/refresh",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary: "Draft the facts again from the strategy's record, on the evaluation chosen",
        params: idParams,
        body: evaluationChoiceSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "edit", WRITE_REFUSED, async (trx, now, row) => {
        if (!row.strategy_id) throw new Conflict("The strategy this case study came from is gone.");
        const strategy = await strategyInScope(trx, actor, row.strategy_id);
        const facts = await factsFor(trx, strategy, request.body);
        return {
          row: await updateCaseStudy(trx, now, row.id, filterColumns(strategy, facts)),
          action: "case_study.facts_refreshed",
        };
      });
    },
  );

  r.post(
    "/api/case-studies/:id/submit",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary:
          "Submit for review. The title and free text are scanned for the school's pupils' names and UPNs first: 422 with the words to remove, nothing changed",
        params: idParams,
        response: { 200: caseStudySchema, 422: namesFoundSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "submit", WRITE_REFUSED, async (trx, now, row) => {
        const pupils = await pupilsForScan(trx, row.school_id);
        const found = (["title", ...TEXT_FIELDS] as const).flatMap((field) => {
          const words = scanForNames(row[field], pupils).map((h) => h.text);
          return words.length
            ? [
                {
                  field,
                  words,
                  message: `${TEXT_FIELD_LABELS[field]}: remove these words: ${words.join(", ")}.`,
                },
              ]
            : [];
        });
        if (found.length > 0)
          throw new NamesInText(
            "The case study names a pupil of the school. Remove these words, then submit again.",
            found,
          );
        const updated = await updateCaseStudy(trx, now, row.id, {
          status: "submitted",
          submitted_at: now,
        });
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "submitted",
          authorId: actor.userId,
        });
        return { row: updated, action: "case_study.submitted" };
      });
    },
  );

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
