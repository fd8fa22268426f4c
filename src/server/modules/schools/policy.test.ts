import { describe, expect, it } from "vitest";
import { whoMay } from "../../../../test/support/policy-actors.ts";
import { schoolPolicy } from "./policy.ts";

describe("schoolPolicy, every role × action", () => {
  it.each([
    ["manage", whoMay((a) => schoolPolicy.manage(a)), ["network_admin"]],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });
});
