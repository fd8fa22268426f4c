import type { Strategy } from "../../../contracts/strategies.ts";
import { isSchoolLeaderOf, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** What a rule needs to know about a strategy: whose school it is. */
export interface StrategyFacts {
  schoolId: string;
}

const staff = (actor: Actor, s: StrategyFacts) => worksAtSchool(actor, s.schoolId);
const leader = (actor: Actor, s: StrategyFacts) => isSchoolLeaderOf(actor, s.schoolId);

/**
 * Who may do what with a school's strategy. The school's staff (leaders,
 * teachers, para-professionals) read it, evaluate it and add reviews of how it
 * is going; only its leaders plan, edit, move its status or stage, choose its
 * participants and share its results with the network. Nobody outside the
 * school reaches a strategy at all (the store answers 404 first).
 */
export const strategyPolicy = {
  view: staff,
  evaluate: staff,
  addReview: staff,
  plan: leader,
  edit: leader,
  changeStatus: leader,
  changeStage: leader,
  manageParticipants: leader,
  share: leader,
} satisfies Record<string, (actor: Actor, s: StrategyFacts) => boolean>;

export type StrategyAction = keyof typeof strategyPolicy;

/** What the actor may do with this strategy, for the page to offer only that. */
export function strategyAbilities(actor: Actor, s: StrategyFacts): Strategy["abilities"] {
  return {
    edit: strategyPolicy.edit(actor, s),
    changeStatus: strategyPolicy.changeStatus(actor, s),
    changeStage: strategyPolicy.changeStage(actor, s),
    share: strategyPolicy.share(actor, s),
    addReview: strategyPolicy.addReview(actor, s),
    manageParticipants: strategyPolicy.manageParticipants(actor, s),
    evaluate: strategyPolicy.evaluate(actor, s),
  };
}
