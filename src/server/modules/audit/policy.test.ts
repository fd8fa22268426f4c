import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import { auditPolicy } from "./policy.ts";

describe("who may read the audit log, every role × action", () => {
  it.each(
    roleTable({
      readLog: ["network_admin"],
      checkChain: ["network_admin"],
      readAccessHistory: ["school_leader"],
    }),
  )("%s of our school: %s → %s", (action, name, expected) => {
    expect(auditPolicy[action](ACTORS[name], { id: SCHOOL })).toBe(expected);
  });
});
