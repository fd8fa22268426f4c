import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS, roleTable, whoMay } from "../../../../test/support/policy-actors.ts";
import { mfaPolicy } from "./policy.ts";

describe("mfaPolicy, every role × action", () => {
  it.each(
    roleTable({
      viewSecuritySettings: ["network_admin"],
      changeSecuritySettings: ["network_admin"],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(mfaPolicy[action](ACTORS[name])).toBe(expected);
  });

  it("lets every actor change their own factor and nobody else's", () => {
    for (const name of ACTOR_NAMES) {
      const actor = ACTORS[name];
      expect(mfaPolicy.changeFactor(actor, { userId: actor.userId })).toBe(true);
    }
    const someoneElse = { userId: ACTORS.teacher.userId };
    expect(whoMay((actor) => mfaPolicy.changeFactor(actor, someoneElse))).toEqual(["teacher"]);
  });

  it("lets only an administrator reset someone else's factor, and nobody reset their own", () => {
    const someoneElse = { userId: "00000000-0000-4000-8000-0000000000ff" };
    expect(whoMay((actor) => mfaPolicy.resetOthersFactor(actor, someoneElse))).toEqual([
      "network_admin",
    ]);
    expect(whoMay((actor) => mfaPolicy.resetOthersFactor(actor, { userId: actor.userId }))).toEqual(
      [],
    );
  });

  it.each([
    ["enabled", { disabled_at: null }, true],
    ["disabled", { disabled_at: new Date("2026-01-01T00:00:00Z") }, false],
  ])("passSecondStep: %s account → %s", (_case, account, expected) => {
    expect(mfaPolicy.passSecondStep(account)).toBe(expected);
  });
});
