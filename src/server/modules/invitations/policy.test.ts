import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  CLUSTER,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import type { Role, ScopeType } from "../../../contracts/roles.ts";
import { ValidationProblem } from "../../errors.ts";
import { assertRoleFitsScope, invitationPolicy, viewerOf } from "./policy.ts";

describe("invitations policy, every role × action", () => {
  it("invite through the general route: administrators only", () => {
    expect(whoMay(invitationPolicy.invite)).toEqual(["network_admin"]);
  });

  it.each(ACTOR_NAMES)("joinWithAccount an invitation for the teacher, as %s", (name) => {
    const forTeacher = { email: ACTORS.teacher.email.toUpperCase() };
    expect(invitationPolicy.joinWithAccount(ACTORS[name], forTeacher)).toBe(name === "teacher");
  });

  it("viewerOf: the invited email's own session, someone else, or no_membership signed in", () => {
    const teacher = ACTORS.teacher;
    expect(viewerOf(teacher, teacher.email)).toBe("invitee");
    expect(viewerOf(teacher, teacher.email.toUpperCase())).toBe("invitee");
    expect(viewerOf(ACTORS.network_admin, teacher.email)).toBe("someone_else");
    expect(viewerOf(null, teacher.email)).toBe("signed_out");
  });

  it.each<[Role, ScopeType, string | null, boolean]>([
    ["network_admin", "network", null, true],
    ["network_admin", "network", SCHOOL, false],
    ["network_admin", "school", SCHOOL, false],
    ["programme_lead", "cluster", CLUSTER, true],
    ["programme_lead", "cluster", null, false],
    ["programme_lead", "school", SCHOOL, false],
    ["school_leader", "school", SCHOOL, true],
    ["teacher", "school", SCHOOL, true],
    ["para_professional", "school", SCHOOL, true],
    ["teacher", "school", null, false],
    ["teacher", "cluster", CLUSTER, false],
    ["teacher", "network", null, false],
  ])("assertRoleFitsScope(%s, %s, %s) fits: %s", (role, scopeType, scopeId, fits) => {
    const check = () => assertRoleFitsScope(role, scopeType, scopeId);
    if (fits) expect(check).not.toThrow();
    else expect(check).toThrow(ValidationProblem);
  });
});
