import { describe, expect, it } from "vitest";
import { authPolicy } from "./policy.ts";

const enabled = { disabled_at: null };
const disabled = { disabled_at: new Date("2026-01-01T00:00:00Z") };

describe("authPolicy, every account × condition", () => {
  it.each([
    ["enabled, right password", enabled, true, true],
    ["enabled, wrong password", enabled, false, false],
    ["disabled, right password", disabled, true, false],
    ["disabled, wrong password", disabled, false, false],
  ])("signIn: %s", (_case, account, passwordOk, expected) => {
    expect(authPolicy.signIn(account, passwordOk)).toBe(expected);
  });

  it.each([
    ["enabled, under attack", enabled, true, true],
    ["enabled, not under attack", enabled, false, false],
    ["disabled, under attack", disabled, true, false],
    ["disabled, not under attack", disabled, false, false],
  ])("getSignInLink: %s", (_case, account, underAttack, expected) => {
    expect(authPolicy.getSignInLink(account, underAttack)).toBe(expected);
  });
});
