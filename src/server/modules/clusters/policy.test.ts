import { describe, expect, it } from "vitest";
import { whoMay } from "../../../../test/support/policy-actors.ts";
import { clusterPolicy } from "./policy.ts";

describe("clusterPolicy, every role × action", () => {
  it.each([
    ["manage", whoMay((a) => clusterPolicy.manage(a)), ["network_admin"]],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });
});
