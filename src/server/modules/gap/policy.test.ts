import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { gapPolicy } from "./policy.ts";

describe("who sees a school's gap with its small groups", () => {
  it.each(
    roleTable({
      fullSight: ["school_leader", "teacher", "para_professional"],
      narrowSight: [],
      noSight: [],
    }),
  )("%s: %s → %s", (sight, name, expected) => {
    const s = {
      fullSight: { povertyFlags: true },
      narrowSight: { povertyFlags: false },
      noSight: undefined,
    }[sight];
    expect(gapPolicy.seeSmallGroups(ACTORS[name], { id: SCHOOL }, s)).toBe(expected);
  });
});
