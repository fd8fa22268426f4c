import { describe, expect, it } from "vitest";
import {
  CLUSTER,
  OTHER_CLUSTER,
  POLICY_ACTOR_KEYS,
  POLICY_ACTORS,
  type PolicyActorKey,
} from "../../../../test/support/policy-actors.ts";
import { leadWeekPolicy } from "./policy.ts";

const expected: Record<PolicyActorKey, string[]> = {
  network_admin: [],
  lead: [CLUSTER],
  other_lead: [OTHER_CLUSTER],
  school_leader: [],
  other_school_leader: [],
  teacher: [],
  other_teacher: [],
  para: [],
  other_para: [],
  no_membership: [],
};

describe("leadWeekPolicy", () => {
  it.each(POLICY_ACTOR_KEYS)("clustersOf %s", (key) => {
    expect(leadWeekPolicy.clustersOf(POLICY_ACTORS[key])).toEqual(expected[key]);
  });
});
