import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { ppStatementPolicy } from "./policy.ts";

describe("who may read and edit a school's pupil premium strategy statement", () => {
  it.each(
    roleTable({
      read: ["school_leader", "teacher"],
      edit: ["school_leader"],
    }),
  )("%s at our school: %s → %s", (action, name, expected) => {
    expect(ppStatementPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });
});
