import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  type ActorName,
  SCHOOL,
} from "../../../../test/support/policy-actors.ts";
import { type StrategyAction, strategyAbilities, strategyPolicy } from "./policy.ts";

const strategy = { schoolId: SCHOOL };
const STAFF: ActorName[] = ["school_leader", "teacher", "para_professional"];
const LEADERS: ActorName[] = ["school_leader"];

/** Every action, and exactly who may do it to a strategy of our school. */
const TABLE: Record<StrategyAction, ActorName[]> = {
  view: STAFF,
  evaluate: STAFF,
  addReview: STAFF,
  plan: LEADERS,
  edit: LEADERS,
  changeStatus: LEADERS,
  changeStage: LEADERS,
  manageParticipants: LEADERS,
  share: LEADERS,
};

describe("strategyPolicy: the whole role × action table", () => {
  it("covers every action of the policy", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(strategyPolicy).sort());
  });

  const cases = (Object.keys(TABLE) as StrategyAction[]).flatMap((action) =>
    ACTOR_NAMES.map((who) => [action, who, TABLE[action].includes(who)] as const),
  );
  it.each(cases)("%s by %s: %s", (action, who, allowed) => {
    expect(strategyPolicy[action](ACTORS[who], strategy)).toBe(allowed);
  });
});

describe("strategyAbilities", () => {
  it.each(ACTOR_NAMES)("for %s follow the policy, action by action", (who) => {
    const actor = ACTORS[who];
    const abilities = strategyAbilities(actor, strategy);
    for (const [action, allowed] of Object.entries(abilities))
      expect(allowed).toBe(strategyPolicy[action as StrategyAction](actor, strategy));
  });

  it("a teacher may add reviews but not change status, stage, participants or sharing", () => {
    expect(strategyAbilities(ACTORS.teacher, strategy)).toEqual({
      edit: false,
      changeStatus: false,
      changeStage: false,
      share: false,
      addReview: true,
      manageParticipants: false,
      evaluate: true,
    });
  });
});
