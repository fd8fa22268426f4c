import { describe, expect, it } from "vitest";
import {
  ACTORS,
  type ActorName,
  CLUSTER,
  OTHER_SCHOOL,
  roleTable,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import { type CalendarRule, calendarPolicy, calendarReach } from "./policy.ts";

const STAFF = ["school_leader", "teacher", "para_professional"] as const;

/** Every rule, and exactly who sees that event of our school (enrolled in our cluster) on their calendar. */
const TABLE: Record<CalendarRule, readonly ActorName[]> = {
  seeWorkshop: ["network_admin", "programme_lead", ...STAFF],
  seeAssessmentPoint: STAFF,
  seeAction: STAFF,
  seeVisit: ["programme_lead", ...STAFF],
};

const ours = { schoolId: SCHOOL, clusterId: CLUSTER, enrolledSchoolIds: [SCHOOL] };

describe("calendarPolicy: the whole role × event table", () => {
  it("covers every rule of the policy", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(calendarPolicy).sort());
  });

  it.each(roleTable(TABLE))("%s by %s → %s", (rule, who, expected) => {
    expect(calendarPolicy[rule](ACTORS[who], ours)).toBe(expected);
  });
});

describe("calendarPolicy.seeWorkshop", () => {
  it("goes by the schools enrolled in the workshop's cluster", () => {
    const workshop = { clusterId: CLUSTER, enrolledSchoolIds: [OTHER_SCHOOL] };
    expect(whoMay((actor) => calendarPolicy.seeWorkshop(actor, workshop))).toEqual([
      "network_admin",
      "programme_lead",
      "other_school_leader",
      "other_teacher",
      "other_para_professional",
    ]);
  });

  it("of a cluster nobody here leads and no school is enrolled in: only an administrator", () => {
    const workshop = { clusterId: "00000000-0000-4000-8000-0000000000ff", enrolledSchoolIds: [] };
    expect(whoMay((actor) => calendarPolicy.seeWorkshop(actor, workshop))).toEqual([
      "network_admin",
    ]);
  });
});

describe("calendarReach: the sets the store selects by", () => {
  it("names the actor's led clusters and schools, and every workshop only for an administrator", () => {
    expect(calendarReach(ACTORS.network_admin)).toEqual({
      everyWorkshop: true,
      ledClusterIds: [],
      schoolIds: [],
    });
    expect(calendarReach(ACTORS.programme_lead)).toEqual({
      everyWorkshop: false,
      ledClusterIds: [CLUSTER],
      schoolIds: [],
    });
    expect(calendarReach(ACTORS.para_professional)).toEqual({
      everyWorkshop: false,
      ledClusterIds: [],
      schoolIds: [SCHOOL],
    });
    expect(calendarReach(ACTORS.no_membership)).toEqual({
      everyWorkshop: false,
      ledClusterIds: [],
      schoolIds: [],
    });
  });
});
