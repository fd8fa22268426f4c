import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  CLUSTER,
  OTHER_SCHOOL,
  roleTable,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import type { Role } from "../../../contracts/roles.ts";
import { grantNeedsApproval, membershipPolicy, pendingSchoolsOf } from "./policy.ts";

/** Pending at our school, for someone outside the table, granted by nobody in it. */
const pending = {
  userId: "00000000-0000-4000-8000-0000000000ee",
  grantedBy: null,
  schoolId: SCHOOL,
};
const EVERYONE = ACTOR_NAMES;

describe("memberships policy, every role × action", () => {
  it.each(
    roleTable({
      see: ["network_admin", "school_leader"],
      decide: EVERYONE,
      decideNotForSelf: EVERYONE,
      decideNotOwnGrant: EVERYONE,
    }),
  )("%s a pending membership at our school: %s → %s", (action, name, expected) => {
    expect(membershipPolicy[action](ACTORS[name], pending)).toBe(expected);
  });

  it.each(ACTOR_NAMES)("pendingSchoolsOf(%s) lists exactly what `see` lets in", (name) => {
    const actor = ACTORS[name];
    const scope = pendingSchoolsOf(actor);
    for (const schoolId of [SCHOOL, OTHER_SCHOOL]) {
      const listed = scope === "all" || scope.includes(schoolId);
      expect(listed).toBe(membershipPolicy.see(actor, { ...pending, schoolId }));
    }
  });

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

  it("neither the granter nor the person it is for may decide it, each for its own reason", () => {
    const admin = ACTORS.network_admin;
    const teacher = ACTORS.teacher;
    const facts = { userId: teacher.userId, grantedBy: admin.userId, schoolId: SCHOOL };
    expect(membershipPolicy.decide(admin, facts)).toBe(false);
    expect(membershipPolicy.decideNotForSelf(admin, facts)).toBe(true);
    expect(membershipPolicy.decideNotOwnGrant(admin, facts)).toBe(false);
    expect(membershipPolicy.decide(teacher, facts)).toBe(false);
    expect(membershipPolicy.decideNotForSelf(teacher, facts)).toBe(false);
    expect(membershipPolicy.decide(ACTORS.school_leader, facts)).toBe(true);
  });
});
