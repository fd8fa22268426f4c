import { describe, expect, it } from "vitest";
import { ACTORS, whoMay } from "../../../../test/support/policy-actors.ts";
import { userPolicy } from "./policy.ts";

const someone = { id: "00000000-0000-4000-8000-0000000000ff" };

describe("userPolicy, every role × action", () => {
  it.each([
    ["list", whoMay((a) => userPolicy.list(a)), ["network_admin"]],
    ["enable", whoMay((a) => userPolicy.enable(a)), ["network_admin"]],
    ["end someone's sessions", whoMay((a) => userPolicy.endSessions(a)), ["network_admin"]],
    ["disable someone", whoMay((a) => userPolicy.disable(a, someone)), ["network_admin"]],
    ["disable oneself", whoMay((a) => userPolicy.disable(a, { id: a.userId })), [] as string[]],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });

  it("an administrator may disable another administrator, not themselves", () => {
    const admin = ACTORS.network_admin;
    expect(userPolicy.disable(admin, { id: admin.userId })).toBe(false);
    expect(userPolicy.disable(admin, someone)).toBe(true);
  });
});
