import { describe, expect, it } from "vitest";
import { OTHER_SCHOOL, SCHOOL, whoMay } from "../../../../test/support/policy-actors.ts";
import { enrolmentPolicy } from "./policy.ts";

const enrolment = { schoolId: SCHOOL };

describe("enrolmentPolicy, every role × action", () => {
  it.each([
    ["enrol", whoMay((a) => enrolmentPolicy.enrol(a)), ["network_admin"]],
    ["withdraw", whoMay((a) => enrolmentPolicy.withdraw(a)), ["network_admin"]],
    [
      "manageTeam",
      whoMay((a) => enrolmentPolicy.manageTeam(a, enrolment)),
      ["network_admin", "school_leader"],
    ],
    [
      "manageTeam of another school",
      whoMay((a) => enrolmentPolicy.manageTeam(a, { schoolId: OTHER_SCHOOL })),
      ["network_admin", "other_school_leader"],
    ],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });
});
