import { describe, expect, it } from "vitest";
import {
  ACTORS,
  CLUSTER,
  OTHER_CLUSTER,
  OTHER_SCHOOL,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import { dashboardPolicy } from "./policy.ts";

describe("dashboardPolicy, every role × section", () => {
  it("the network's counts: administrators", () => {
    expect(whoMay(dashboardPolicy.seesNetwork)).toEqual(["network_admin"]);
  });

  it.each(Object.entries(ACTORS))("%s sees its own clusters and schools only", (key, actor) => {
    const clusters: Record<string, string[]> = {
      programme_lead: [CLUSTER],
      other_programme_lead: [OTHER_CLUSTER],
    };
    const schools: Record<string, string[]> = {
      school_leader: [SCHOOL],
      teacher: [SCHOOL],
      para_professional: [SCHOOL],
      other_school_leader: [OTHER_SCHOOL],
      other_teacher: [OTHER_SCHOOL],
      other_para_professional: [OTHER_SCHOOL],
    };
    expect(dashboardPolicy.ledClusterIds(actor)).toEqual(clusters[key] ?? []);
    expect(dashboardPolicy.ownSchoolIds(actor)).toEqual(schools[key] ?? []);
  });

  it("a school held in two roles appears once", () => {
    const both = {
      ...ACTORS.school_leader,
      memberships: [...ACTORS.school_leader.memberships, ...ACTORS.teacher.memberships],
    };
    expect(dashboardPolicy.ownSchoolIds(both)).toEqual([SCHOOL]);
  });
});
