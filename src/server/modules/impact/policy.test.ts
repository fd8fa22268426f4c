import { describe, expect, it } from "vitest";
import { ACTORS, CLUSTER, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { impactPolicy } from "./policy.ts";

describe("who may read the impact reports and write what next", () => {
  it.each(
    roleTable({
      readSchoolReport: ["school_leader", "teacher"],
      writeWhatNext: ["school_leader"],
    }),
  )("%s at our school: %s → %s", (action, name, expected) => {
    expect(impactPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });

  it.each(
    roleTable({ readClusterReport: ["network_admin", "programme_lead"] }),
  )("%s for our cluster: %s → %s", (action, name, expected) => {
    expect(impactPolicy[action](ACTORS[name], { id: CLUSTER })).toBe(expected);
  });

  it.each(
    roleTable({ readEveryClusterReport: ["network_admin"] }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(impactPolicy[action](ACTORS[name])).toBe(expected);
  });
});
