import { describe, expect, it } from "vitest";
import { whoMay } from "../../../../test/support/policy-actors.ts";
import { ssoPolicy } from "./policy.ts";

describe("ssoPolicy, every role × action", () => {
  it("lets only network administrators list and manage providers", () => {
    expect(whoMay((actor) => ssoPolicy.listProviders(actor))).toEqual(["network_admin"]);
    expect(whoMay((actor) => ssoPolicy.manageProviders(actor))).toEqual(["network_admin"]);
  });

  it.each([
    ["enabled", { disabled_at: null }, true],
    ["disabled", { disabled_at: new Date("2026-01-01T00:00:00Z") }, false],
  ])("signInWith: %s account → %s", (_case, account, expected) => {
    expect(ssoPolicy.signInWith(account)).toBe(expected);
  });

  it.each([
    ["ada@school.org", "ada@school.org", true],
    ["Ada@School.org", "ada@school.org", true],
    ["ada@school.org", "eve@school.org", false],
  ])("acceptInvitation: invited %s, verified %s → %s", (invited, verified, expected) => {
    expect(ssoPolicy.acceptInvitation({ email: invited }, verified)).toBe(expected);
  });
});
