import { describe, expect, it } from "vitest";
import { ACTORS, OTHER_SCHOOL, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { nationalPolicy } from "./policy.ts";

const asks = {
  addFigures: (actor: Actor) => nationalPolicy.addFigures(actor),
  mapMeasure: (actor: Actor) => nationalPolicy.mapMeasure(actor, { id: SCHOOL }),
};

describe("who may add national figures and map a school's measure to them", () => {
  it.each(
    roleTable({ addFigures: ["network_admin"], mapMeasure: ["school_leader"] }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(asks[action](ACTORS[name])).toBe(expected);
  });

  it("a leader maps no measure of another school", () => {
    expect(nationalPolicy.mapMeasure(ACTORS.school_leader, { id: OTHER_SCHOOL })).toBe(false);
  });
});
