import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { costEffectivenessPolicy } from "./policy.ts";

describe("who may compare a school's strategies on cost and set its hourly rate", () => {
  it.each(
    roleTable({
      compare: ["school_leader", "teacher", "para_professional"],
      changeRate: ["school_leader"],
    }),
  )("%s at our school: %s → %s", (action, name, expected) => {
    expect(costEffectivenessPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });
});
