import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  type ActorName,
  roleTable,
} from "../../../../test/support/policy-actors.ts";
import { evidencePolicy } from "./policy.ts";

const rules = {
  read: (name: ActorName) => evidencePolicy.read(ACTORS[name]),
  nameNamedSchool: (name: ActorName) => evidencePolicy.nameSchool(ACTORS[name], { named: true }),
  nameUnnamedSchool: (name: ActorName) => evidencePolicy.nameSchool(ACTORS[name], { named: false }),
};

describe("who may see the network's evidence, and which schools by name", () => {
  it.each(
    roleTable<keyof typeof rules>({
      read: ACTOR_NAMES,
      nameNamedSchool: ACTOR_NAMES,
      nameUnnamedSchool: [],
    }),
  )("%s by %s: %s", (action, name, allowed) => {
    expect(rules[action](name)).toBe(allowed);
  });
});
