import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../test/support/policy-actors.ts";
import { pupilDataPolicy } from "./pupil-data.ts";

const staff = ["school_leader", "teacher", "para_professional"] as const;

describe("who may use a school's named pupil data", () => {
  it.each(
    roleTable({
      named: staff,
      read: staff,
      record: staff,
      manage: ["school_leader"],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(pupilDataPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });
});
