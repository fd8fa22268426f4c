import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  caseStudyDraftListSchema,
  caseStudyListSchema,
  caseStudySchema,
  libraryQuerySchema,
  startCaseStudySchema,
} from "../../../contracts/case-studies.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { ensureEvidenceLabels } from "../schools/store.ts";
import { strategyInScope } from "../strategies/store.ts";
import { caseStudyPolicy } from "./policy.ts";
import { caseStudyParts, idParams, LEADERS, WRITE_REFUSED } from "./route-parts.ts";
import {
  caseStudyInScope,
  insertCaseStudy,
  listDrafts,
  listLibrary,
  policyFacts,
  presentCaseStudy,
} from "./store.ts";

/**
 * Case studies (issue 16): a story of change drafted from an evaluated
 * strategy's aggregates, written by the school's leaders, scanned for pupils'
 * names on submit, reviewed by the cluster's lead or an administrator and
 * published to the cluster or the network; the library finds them.
 */
export async function caseStudyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { today, factsFor } = caseStudyParts(deps);

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
}
