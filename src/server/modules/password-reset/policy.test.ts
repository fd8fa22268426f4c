import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import { passwordResetPolicy } from "./policy.ts";

const someone = "00000000-0000-4000-8000-0000000000ff";

describe("passwordResetPolicy", () => {
  it.each([
    ["an enabled account", { id: someone, disabled_at: null }, true],
    ["a disabled account", { id: someone, disabled_at: new Date("2026-01-01T00:00:00Z") }, false],
  ])("sendReset: %s → %s", (_case, account, expected) => {
    expect(passwordResetPolicy.sendReset(account)).toBe(expected);
  });

  it.each(
    roleTable({
      ownRightPassword: ACTOR_NAMES,
      ownWrongPassword: [],
      anothersRightPassword: [],
    }),
  )("changePassword %s: %s → %s", (action, name, expected) => {
    const actor = ACTORS[name];
    const account = { id: action === "anothersRightPassword" ? someone : actor.userId };
    expect(passwordResetPolicy.changePassword(actor, account, action !== "ownWrongPassword")).toBe(
      expected,
    );
  });
});
