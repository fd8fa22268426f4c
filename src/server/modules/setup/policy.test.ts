import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS } from "../../../../test/support/policy-actors.ts";
import { setupPolicy } from "./policy.ts";

describe("when Cascade may be set up", () => {
  const actors = [
    ...ACTOR_NAMES.map((name) => [name, ACTORS[name]] as const),
    ["signed out", null] as const,
  ];

  it.each(actors)("with no accounts yet, %s may create the first administrator", (_name, actor) => {
    expect(setupPolicy.createFirstAdmin(actor, { users: 0 })).toBe(true);
  });

  it.each(actors)("once there is an account, %s may not", (_name, actor) => {
    expect(setupPolicy.createFirstAdmin(actor, { users: 1 })).toBe(false);
    expect(setupPolicy.createFirstAdmin(actor, { users: 40 })).toBe(false);
  });
});
