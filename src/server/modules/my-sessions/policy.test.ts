import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import { mySessionsPolicy } from "./policy.ts";

const someoneElse = { userId: "00000000-0000-4000-8000-0000000000ff" };

describe("mySessionsPolicy, every role × action", () => {
  it.each(
    roleTable({
      list: ACTOR_NAMES,
      endOwn: ACTOR_NAMES,
      endAnothers: [],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    const actor = ACTORS[name];
    const allowed =
      action === "list"
        ? mySessionsPolicy.list(actor)
        : mySessionsPolicy.end(actor, action === "endOwn" ? { userId: actor.userId } : someoneElse);
    expect(allowed).toBe(expected);
  });
});
