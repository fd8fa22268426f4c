import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { cohortPolicy } from "./policy.ts";

describe("who may do what with a school's target cohort", () => {
  it.each(
    roleTable({
      ofSchool: ["school_leader", "teacher", "para_professional"],
      confirm: ["school_leader"],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(cohortPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });

  const view = (allPupils: boolean, teamEnrolmentIds: string[]) => ({
    userId: "u",
    schoolId: SCHOOL,
    sight: { allPupils, povertyFlags: allPupils },
    teamEnrolmentIds,
  });

  it.each([
    ["whole-school sight", view(true, []), true, true],
    ["para-professional on the team", view(false, ["e1"]), false, true],
    ["para-professional on another enrolment's team", view(false, ["e2"]), false, false],
    ["para-professional on no team", view(false, []), false, false],
  ])("%s: candidates %s, cohort %s", (_, v, candidates, cohort) => {
    expect(cohortPolicy.findCandidates(v.sight)).toBe(candidates);
    expect(cohortPolicy.readCohort(v, { id: "e1" })).toBe(cohort);
  });
});
