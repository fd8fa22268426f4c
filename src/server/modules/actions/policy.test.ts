import { describe, expect, it } from "vitest";
import {
  ACTORS,
  type ActorName,
  roleTable,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import { type ActionFacts, type ActionRule, actionPolicy } from "./policy.ts";

const STAFF = ["school_leader", "teacher", "para_professional"] as const;

/** An action of our school's team (and so its team's facts) that nobody among the actors owns or created. */
const nobodysAction: ActionFacts = { schoolId: SCHOOL, ownerUserId: null, createdBy: null };

describe("actionPolicy: the whole role × action table", () => {
  const TABLE: Record<ActionRule, readonly ActorName[]> = {
    list: STAFF,
    add: STAFF,
    edit: ["school_leader"],
  };

  it("covers every rule of the policy", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(actionPolicy).sort());
  });

  it.each(roleTable(TABLE))("%s by %s → %s", (rule, who, expected) => {
    expect(actionPolicy[rule](ACTORS[who], nobodysAction)).toBe(expected);
  });
});

describe("actionPolicy.edit: owners and creators change their own", () => {
  const edit = (facts: Partial<ActionFacts>) =>
    whoMay((actor) => actionPolicy.edit(actor, { ...nobodysAction, ...facts }));

  it("a teacher who owns an action changes it, as the school's leader does", () => {
    expect(edit({ ownerUserId: ACTORS.teacher.userId })).toEqual(["school_leader", "teacher"]);
  });

  it("a para-professional who created an action changes it, as the school's leader does", () => {
    expect(edit({ createdBy: ACTORS.para_professional.userId })).toEqual([
      "school_leader",
      "para_professional",
    ]);
  });

  it("owning or creating one gives nothing to someone who no longer works at the school", () => {
    expect(
      edit({ ownerUserId: ACTORS.other_teacher.userId, createdBy: ACTORS.programme_lead.userId }),
    ).toEqual(["school_leader"]);
  });
});
