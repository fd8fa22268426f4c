import { describe, expect, it } from "vitest";
import {
  type DisadvantageFlags,
  disadvantageFlagsOf,
  disadvantageRuleOf,
  isDisadvantaged,
  isRowDisadvantaged,
} from "./disadvantage.ts";

const none: DisadvantageFlags = {
  pupilPremium: false,
  fsm: false,
  ever6Fsm: false,
  lookedAfter: false,
  previouslyLookedAfter: false,
};

describe("who counts as disadvantaged", () => {
  it("is pupil premium by default", () => {
    expect(isDisadvantaged({ ...none, pupilPremium: true })).toBe(true);
    expect(isDisadvantaged({ ...none, fsm: true })).toBe(false);
  });

  it.each([
    ["fsm", { fsm: true }, true],
    ["fsm", { ever6Fsm: true }, false],
    ["ever6_fsm", { ever6Fsm: true }, true],
    ["ever6_fsm", { fsm: true }, true],
    ["ever6_fsm", { pupilPremium: true }, false],
    ["pupil_premium_or_looked_after", { lookedAfter: true }, true],
    ["pupil_premium_or_looked_after", { previouslyLookedAfter: true }, true],
    ["pupil_premium_or_looked_after", { fsm: true }, false],
  ] as const)("under %s, %j → %s", (rule, flags, expected) => {
    expect(isDisadvantaged({ ...none, ...flags }, rule)).toBe(expected);
  });
});

describe("a pupil row's disadvantage", () => {
  const row = {
    pupil_premium: false,
    fsm: false,
    ever6_fsm: false,
    looked_after: false,
    previously_looked_after: false,
  };

  it("reads the row's columns under the school's stored rule", () => {
    expect(isRowDisadvantaged({ ...row, ever6_fsm: true }, "ever6_fsm")).toBe(true);
    expect(isRowDisadvantaged({ ...row, ever6_fsm: true }, "pupil_premium")).toBe(false);
    expect(
      isRowDisadvantaged({ ...row, looked_after: true }, "pupil_premium_or_looked_after"),
    ).toBe(true);
  });

  it("falls back to pupil premium for a rule it does not know", () => {
    expect(disadvantageRuleOf("nonsense")).toBe("pupil_premium");
    expect(isRowDisadvantaged({ ...row, pupil_premium: true }, "nonsense")).toBe(true);
    expect(isRowDisadvantaged({ ...row, fsm: true }, "nonsense")).toBe(false);
  });

  it("maps every column to its flag", () => {
    expect(disadvantageFlagsOf({ ...row, fsm: true, previously_looked_after: true })).toEqual({
      pupilPremium: false,
      fsm: true,
      ever6Fsm: false,
      lookedAfter: false,
      previouslyLookedAfter: true,
    });
  });
});
