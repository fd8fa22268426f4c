import { describe, expect, it } from "vitest";
import { PARA_PUPIL_ACCESS, pupilSight, withholdPovertyFlags } from "./pupil-visibility.ts";
import type { Role } from "./roles.ts";

describe("pupilSight", () => {
  const cases: Array<[Role[], "working" | "whole_school", boolean, boolean]> = [
    [["school_leader"], "working", true, true],
    [["school_leader"], "whole_school", true, true],
    [["teacher"], "working", true, true],
    [["teacher"], "whole_school", true, true],
    [["para_professional"], "working", false, false],
    [["para_professional"], "whole_school", true, true],
    // The widest role at the school wins.
    [["para_professional", "teacher"], "working", true, true],
    [["para_professional", "school_leader"], "working", true, true],
    // Roles elsewhere never widen a school's pupils.
    [["network_admin", "programme_lead"], "whole_school", false, false],
    [[], "whole_school", false, false],
  ];
  it.each(
    cases,
  )("%j at a school set to %s: all pupils %s, poverty flags %s", (roles, setting, all, flags) => {
    expect(pupilSight(roles, setting)).toEqual({ allPupils: all, povertyFlags: flags });
  });

  it("knows exactly the two settings", () => {
    expect([...PARA_PUPIL_ACCESS]).toEqual(["working", "whole_school"]);
  });
});

describe("withholdPovertyFlags", () => {
  const pupil = {
    id: "p",
    pupilPremium: true,
    fsm: true,
    ever6Fsm: false,
    disadvantaged: true,
    lookedAfter: true,
    senStatus: "K",
  };
  it("blanks pupil premium, FSM, ever-6 and disadvantaged, and keeps the flags support needs", () => {
    expect(withholdPovertyFlags(pupil, { povertyFlags: false })).toEqual({
      id: "p",
      pupilPremium: null,
      fsm: null,
      ever6Fsm: null,
      disadvantaged: null,
      lookedAfter: true,
      senStatus: "K",
    });
  });
  it("leaves a pupil alone when the flags may be seen", () => {
    expect(withholdPovertyFlags(pupil, { povertyFlags: true })).toEqual(pupil);
  });
});

describe("withholdPovertyFlags on a partial shape", () => {
  it("blanks only the poverty flags the shape has, adding none", () => {
    expect(withholdPovertyFlags({ id: "p", disadvantaged: true }, { povertyFlags: false })).toEqual(
      {
        id: "p",
        disadvantaged: null,
      },
    );
  });
});
