import { describe, expect, it } from "vitest";
import { ACTORS, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { retentionPolicy } from "./policy.ts";

type Key = keyof typeof retentionPolicy;
const school = { id: SCHOOL };
const rules: Record<Key, (a: Actor) => boolean> = {
  viewSettings: (a) => retentionPolicy.viewSettings(a),
  changeSettings: (a) => retentionPolicy.changeSettings(a),
  run: (a) => retentionPolicy.run(a),
  viewHolds: (a) => retentionPolicy.viewHolds(a),
  manageHolds: (a) => retentionPolicy.manageHolds(a),
  viewSchedule: (a) => retentionPolicy.viewSchedule(a, school),
  viewRecords: (a) => retentionPolicy.viewRecords(a),
};

describe("retentionPolicy", () => {
  it.each(
    roleTable<Key>({
      viewSettings: ["network_admin"],
      changeSettings: ["network_admin"],
      run: ["network_admin"],
      viewHolds: ["network_admin"],
      manageHolds: ["network_admin"],
      viewSchedule: ["network_admin", "school_leader"],
      viewRecords: ["network_admin"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(rules[action](ACTORS[key])).toBe(allowed);
  });
});
