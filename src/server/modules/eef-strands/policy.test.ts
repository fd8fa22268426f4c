import { describe, expect, it } from "vitest";
import { ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import { eefStrandPolicy } from "./policy.ts";

describe("who may correct and confirm the EEF Toolkit strands", () => {
  it.each(
    roleTable({ correct: ["network_admin"], confirm: ["network_admin"] }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(eefStrandPolicy[action](ACTORS[name])).toBe(expected);
  });
});
