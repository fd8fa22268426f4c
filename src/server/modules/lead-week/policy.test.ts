import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  type ActorName,
  CLUSTER,
  OTHER_CLUSTER,
} from "../../../../test/support/policy-actors.ts";
import { leadWeekPolicy } from "./policy.ts";

const expected: Record<ActorName, string[]> = {
  network_admin: [],
  programme_lead: [CLUSTER],
  other_programme_lead: [OTHER_CLUSTER],
  school_leader: [],
  other_school_leader: [],
  teacher: [],
  other_teacher: [],
  para_professional: [],
  other_para_professional: [],
  no_membership: [],
};

describe("leadWeekPolicy", () => {
  it.each(ACTOR_NAMES)("clustersOf %s", (key) => {
    expect(leadWeekPolicy.clustersOf(ACTORS[key])).toEqual(expected[key]);
  });
});
