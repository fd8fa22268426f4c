import { describe, expect, it } from "vitest";
import {
  ACTORS,
  CLUSTER,
  OTHER_SCHOOL,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import type { Role } from "../../../contracts/roles.ts";
import { grantNeedsApproval, mayDecidePending, maySeePending } from "./policy.ts";

const pending = {
  userId: "00000000-0000-4000-8000-0000000000ee",
  grantedBy: null,
  schoolId: SCHOOL,
};

describe("memberships policy, every role × action", () => {
  it.each<[string, string[], string[]]>([
    [
      "grantNeedsApproval: a school role at this school",
      whoMay((a) => grantNeedsApproval(a, "teacher", SCHOOL)),
      ["network_admin"],
    ],
    [
      "grantNeedsApproval: a school role at another school",
      whoMay((a) => grantNeedsApproval(a, "school_leader", OTHER_SCHOOL)),
      ["network_admin"],
    ],
    [
      "grantNeedsApproval: a cluster role",
      whoMay((a) => grantNeedsApproval(a, "programme_lead", CLUSTER)),
      [],
    ],
    [
      "grantNeedsApproval: the network role",
      whoMay((a) => grantNeedsApproval(a, "network_admin", null)),
      [],
    ],
    [
      "maySeePending at this school",
      whoMay((a) => maySeePending(a, pending)),
      ["network_admin", "school_leader"],
    ],
    [
      "mayDecidePending granted by no_membership here",
      whoMay((a) => mayDecidePending(a, pending)),
      Object.keys(ACTORS),
    ],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });

  it("an administrator who is also the school's leader grants without approval", () => {
    const both = {
      ...ACTORS.network_admin,
      memberships: [...ACTORS.network_admin.memberships, ...ACTORS.school_leader.memberships],
    };
    for (const role of ["school_leader", "teacher", "para_professional"] as Role[]) {
      expect(grantNeedsApproval(both, role, SCHOOL)).toBe(false);
    }
  });

  it("neither the granter nor the person it is for may decide it", () => {
    const admin = ACTORS.network_admin;
    const teacher = ACTORS.teacher;
    const facts = { userId: teacher.userId, grantedBy: admin.userId, schoolId: SCHOOL };
    expect(mayDecidePending(admin, facts)).toBe(false);
    expect(mayDecidePending(teacher, facts)).toBe(false);
    expect(mayDecidePending(ACTORS.school_leader, facts)).toBe(true);
  });
});
