import { describe, expect, it } from "vitest";
import {
  OUR_SCHOOL,
  ROLE_ACTOR_NAMES,
  ROLE_ACTORS,
  type RoleActorName,
} from "../../../../test/support/role-actors.ts";
import { type StrategyAction, strategyAbilities, strategyPolicy } from "./policy.ts";

const strategy = { schoolId: OUR_SCHOOL };
const STAFF: RoleActorName[] = ["leader_of_school", "teacher_of_school", "para_of_school"];
const LEADERS: RoleActorName[] = ["leader_of_school"];

/** Every action, and exactly who may do it to a strategy of our school. */
const TABLE: Record<StrategyAction, RoleActorName[]> = {
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
    ROLE_ACTOR_NAMES.map((who) => [action, who, TABLE[action].includes(who)] as const),
  );
  it.each(cases)("%s by %s: %s", (action, who, allowed) => {
    expect(strategyPolicy[action](ROLE_ACTORS[who], strategy)).toBe(allowed);
  });
});

describe("strategyAbilities", () => {
  it.each(ROLE_ACTOR_NAMES)("for %s follow the policy, action by action", (who) => {
    const actor = ROLE_ACTORS[who];
    const abilities = strategyAbilities(actor, strategy);
    for (const [action, allowed] of Object.entries(abilities))
      expect(allowed).toBe(strategyPolicy[action as StrategyAction](actor, strategy));
  });

  it("a teacher may add reviews but not change status, stage, participants or sharing", () => {
    expect(strategyAbilities(ROLE_ACTORS.teacher_of_school, strategy)).toEqual({
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
