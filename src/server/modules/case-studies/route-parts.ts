import { z } from "zod";
import type { evaluationChoiceSchema } from "../../../contracts/case-studies.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import type { actorOf } from "../../request-info.ts";
import { evaluate } from "../strategies/evaluate.ts";
import { assertUsableEvidence } from "../strategies/share.ts";
import type { StrategyRow } from "../strategies/store.ts";
import { caseStudyPolicy } from "./policy.ts";
import {
  type CaseStudyRow,
  caseStudyInScope,
  defaultChoice,
  draftFacts,
  policyFacts,
  presentCaseStudy,
} from "./store.ts";

export const idParams = z.strictObject({ id: z.uuid() });
export const LEADERS = anyOf("school_leader");
export const REVIEWERS = anyOf("programme_lead", "network_admin");
export const EITHER = anyOf("school_leader", "programme_lead", "network_admin");
export const WRITE_REFUSED = "Only the school's leaders write its case studies.";
export const REVIEW_REFUSED =
  "Only the cluster's programme lead or a network administrator reviews it.";

/** The helpers the case-study route files share, bound to the app's dependencies. */
export function caseStudyParts(deps: AppDeps) {
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

  return { today, factsFor, change };
}
