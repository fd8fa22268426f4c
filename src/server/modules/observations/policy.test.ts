import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { observationPolicy } from "./policy.ts";

describe("who may read and record a school's observations", () => {
  const staff = ["school_leader", "teacher", "para_professional"] as const;
  it.each(
    roleTable({ readGrid: staff, record: staff }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(observationPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });
});
