import { describe, expect, it } from "vitest";
import {
  ACTORS,
  OTHER_SCHOOL,
  roleTable,
  SCHOOL,
  whoMay,
} from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { measureAbilities, measurePolicy, pointAbilities } from "./policy.ts";

const school = { id: SCHOOL };
const row = { school_id: SCHOOL };
const asks = {
  addMeasure: (actor: Actor) => measurePolicy.addMeasure(actor, school),
  editMeasure: (actor: Actor) => measurePolicy.editMeasure(actor, row),
  addPoints: (actor: Actor) => measurePolicy.addPoints(actor, school),
  openPointEarly: (actor: Actor) => measurePolicy.openPointEarly(actor, school),
};

describe("who may change a school's measures and assessment points", () => {
  it.each(
    roleTable({
      addMeasure: ["school_leader"],
      editMeasure: ["school_leader"],
      addPoints: ["school_leader"],
      openPointEarly: ["school_leader"],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(asks[action](ACTORS[name])).toBe(expected);
  });

  it("a leader changes nothing at another school", () => {
    const elsewhere = { id: OTHER_SCHOOL, school_id: OTHER_SCHOOL };
    expect(measurePolicy.addMeasure(ACTORS.school_leader, elsewhere)).toBe(false);
    expect(measurePolicy.editMeasure(ACTORS.school_leader, elsewhere)).toBe(false);
    expect(measurePolicy.addPoints(ACTORS.school_leader, elsewhere)).toBe(false);
    expect(measurePolicy.openPointEarly(ACTORS.school_leader, elsewhere)).toBe(false);
  });
});

describe("the abilities the measures page is sent", () => {
  it("come from the same rules", () => {
    expect(whoMay((a) => measureAbilities(a, school).addMeasure)).toEqual(["school_leader"]);
    expect(whoMay((a) => measureAbilities(a, school).editMeasure)).toEqual(["school_leader"]);
    expect(whoMay((a) => pointAbilities(a, school).addPoints)).toEqual(["school_leader"]);
    expect(whoMay((a) => pointAbilities(a, school).openPointEarly)).toEqual(["school_leader"]);
  });
});
