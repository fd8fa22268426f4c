import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS, whoMay } from "../../../../test/support/policy-actors.ts";
import { passkeyPolicy } from "./policy.ts";

describe("passkeyPolicy, every role × action", () => {
  it("lets every actor list, add and remove their own passkeys, and nobody else's", () => {
    for (const name of ACTOR_NAMES) {
      const actor = ACTORS[name];
      const own = { userId: actor.userId };
      expect(passkeyPolicy.listPasskeys(actor, own)).toBe(true);
      expect(passkeyPolicy.addPasskey(actor, own, "ok")).toBe(true);
      expect(passkeyPolicy.addPasskey(actor, own, "enrolment-required")).toBe(true);
      expect(passkeyPolicy.removePasskey(actor, own)).toBe(true);
    }
    const teachers = { userId: ACTORS.teacher.userId };
    expect(whoMay((actor) => passkeyPolicy.listPasskeys(actor, teachers))).toEqual(["teacher"]);
    expect(whoMay((actor) => passkeyPolicy.addPasskey(actor, teachers, "ok"))).toEqual(["teacher"]);
    expect(whoMay((actor) => passkeyPolicy.removePasskey(actor, teachers))).toEqual(["teacher"]);
  });

  it("lets no session that still owes its second factor add a passkey", () => {
    expect(
      whoMay((actor) =>
        passkeyPolicy.addPasskey(actor, { userId: actor.userId }, "second-factor-required"),
      ),
    ).toEqual([]);
  });

  it.each([
    ["enabled", { disabled_at: null }, true],
    ["disabled", { disabled_at: new Date("2026-01-01T00:00:00Z") }, false],
  ])("signInWith: %s account → %s", (_case, account, expected) => {
    expect(passkeyPolicy.signInWith(account)).toBe(expected);
  });
});
