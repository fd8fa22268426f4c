import { describe, expect, it } from "vitest";
import { whoMay } from "../../../../test/support/policy-actors.ts";
import { hubPolicy } from "./policy.ts";

describe("hubPolicy, every role × action", () => {
  it.each([
    ["manage", whoMay((a) => hubPolicy.manage(a)), ["network_admin"]],
  ])("%s", (_action, allowed, expected) => {
    expect(allowed).toEqual(expected);
  });
});
