import { describe, expect, it } from "vitest";
import { whoMay } from "../../../../test/support/policy-actors.ts";
import { programmePolicy } from "./policy.ts";

describe("programmePolicy, every role × action", () => {
  it.each([
    ["manage", whoMay((a) => programmePolicy.manage(a)), ["network_admin"]],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });
});
