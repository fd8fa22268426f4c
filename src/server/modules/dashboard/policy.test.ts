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
      lead_here: [CLUSTER],
      lead_elsewhere: [OTHER_CLUSTER],
    };
    const schools: Record<string, string[]> = {
      leader_here: [SCHOOL],
      teacher_here: [SCHOOL],
      para_here: [SCHOOL],
      leader_elsewhere: [OTHER_SCHOOL],
      teacher_elsewhere: [OTHER_SCHOOL],
      para_elsewhere: [OTHER_SCHOOL],
    };
    expect(dashboardPolicy.ledClusterIds(actor)).toEqual(clusters[key] ?? []);
    expect(dashboardPolicy.ownSchoolIds(actor)).toEqual(schools[key] ?? []);
  });

  it("a school held in two roles appears once", () => {
    const both = {
      ...ACTORS.leader_here,
      memberships: [...ACTORS.leader_here.memberships, ...ACTORS.teacher_here.memberships],
    };
    expect(dashboardPolicy.ownSchoolIds(both)).toEqual([SCHOOL]);
  });
});
