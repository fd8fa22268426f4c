import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { importPolicy } from "./policy.ts";

describe("who may import into a school and undo its imports", () => {
  it.each(roleTable({ importInto: ["school_leader"] }))("%s: %s → %s", (action, name, expected) => {
    expect(importPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });

  it.each(roleTable({ undo: ["school_leader"] }))("%s: %s → %s", (action, name, expected) => {
    expect(importPolicy[action](ACTORS[name], { schoolId: SCHOOL })).toBe(expected);
  });
});
