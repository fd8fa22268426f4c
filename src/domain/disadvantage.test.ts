import { describe, expect, it } from "vitest";
import { type DisadvantageFlags, isDisadvantaged } from "./disadvantage.ts";

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
