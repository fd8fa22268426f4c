import { describe, expect, it } from "vitest";
import { ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { networkAimsPolicy } from "./policy.ts";

const asks = { read: (actor: Actor) => networkAimsPolicy.read(actor) };

describe("who may read the network's aims", () => {
  it.each(roleTable({ read: ["network_admin"] }))("%s: %s → %s", (action, name, expected) => {
    expect(asks[action](ACTORS[name])).toBe(expected);
  });
});
