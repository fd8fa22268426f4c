import { describe, expect, it } from "vitest";
import {
  ACTORS,
  type ActorName,
  CLUSTER,
  roleTable,
  SCHOOL,
} from "../../../../test/support/policy-actors.ts";
import { matrixPolicy } from "./policy.ts";

const school = { scopeType: "school" as const, scopeId: SCHOOL };
const cluster = { scopeType: "cluster" as const, scopeId: CLUSTER };
// In these tests the row's SCHOOL is enrolled in CLUSTER; "other" schools are not.
const hasOwnSchool = (name: ActorName) =>
  ["school_leader", "teacher", "para_professional"].includes(name);

const rules = {
  schoolView: (name: ActorName) => matrixPolicy.schoolView(ACTORS[name]),
  groupView: (name: ActorName) =>
    matrixPolicy.groupView(ACTORS[name], { clusterId: CLUSTER, hasOwnSchool: hasOwnSchool(name) }),
  saveSchoolAxes: (name: ActorName) => matrixPolicy.saveAxes(ACTORS[name], school),
  saveClusterAxes: (name: ActorName) => matrixPolicy.saveAxes(ACTORS[name], cluster),
  seesSchool: (name: ActorName) => matrixPolicy.seesScope(ACTORS[name], school),
  seesCluster: (name: ActorName) =>
    matrixPolicy.seesScope(ACTORS[name], cluster, { hasOwnSchool: hasOwnSchool(name) }),
};

describe("who sees which matrix, and who saves its axes", () => {
  const schoolStaff = ["school_leader", "teacher", "para_professional"] as const;
  const anySchoolStaff = [
    ...schoolStaff,
    "other_school_leader",
    "other_teacher",
    "other_para_professional",
  ] as const;
  it.each(
    roleTable({
      schoolView: anySchoolStaff,
      groupView: ["network_admin", "programme_lead", ...schoolStaff],
      saveSchoolAxes: ["school_leader"],
      saveClusterAxes: ["programme_lead"],
      seesSchool: ["network_admin", ...schoolStaff],
      seesCluster: ["network_admin", ...schoolStaff],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(rules[action](name)).toBe(expected);
  });
});
