import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS } from "../../../../test/support/policy-actors.ts";
import { healthPolicy } from "./policy.ts";

describe("who may ask for the app's health", () => {
  it.each(ACTOR_NAMES)("%s may", (name) => {
    expect(healthPolicy.check(ACTORS[name])).toBe(true);
  });

  it("someone signed out may", () => {
    expect(healthPolicy.check(null)).toBe(true);
  });
});
