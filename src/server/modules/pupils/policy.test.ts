import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { pupilPolicy } from "./policy.ts";

const staff = ["school_leader", "teacher", "para_professional"] as const;
const leaders = ["school_leader"] as const;

describe("who may do what with a school's pupils", () => {
  const pupil = { school_id: SCHOOL };
  const school = { id: SCHOOL };
  const rules = {
    viewProfile: (a: (typeof ACTORS)[keyof typeof ACTORS]) => pupilPolicy.viewProfile(a, pupil),
    edit: (a: (typeof ACTORS)[keyof typeof ACTORS]) => pupilPolicy.edit(a, pupil),
    readDisadvantageRule: (a: (typeof ACTORS)[keyof typeof ACTORS]) =>
      pupilPolicy.readDisadvantageRule(a, school),
    changeDisadvantageRule: (a: (typeof ACTORS)[keyof typeof ACTORS]) =>
      pupilPolicy.changeDisadvantageRule(a, school),
    readParaAccess: (a: (typeof ACTORS)[keyof typeof ACTORS]) =>
      pupilPolicy.readParaAccess(a, school),
    changeParaAccess: (a: (typeof ACTORS)[keyof typeof ACTORS]) =>
      pupilPolicy.changeParaAccess(a, school),
  };

  it.each(
    roleTable({
      viewProfile: staff,
      edit: leaders,
      readDisadvantageRule: staff,
      changeDisadvantageRule: leaders,
      readParaAccess: staff,
      changeParaAccess: leaders,
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(rules[action](ACTORS[name])).toBe(expected);
  });

  it("filters by disadvantage only for a reader who sees the poverty flags", () => {
    expect(pupilPolicy.filterByDisadvantage({ povertyFlags: true })).toBe(true);
    expect(pupilPolicy.filterByDisadvantage({ povertyFlags: false })).toBe(false);
  });
});
