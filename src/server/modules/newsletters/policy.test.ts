import { describe, expect, it } from "vitest";
import { ACTOR_NAMES, ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { newsletterPolicy } from "./policy.ts";

type Key = keyof typeof newsletterPolicy;
/** The teacher's own subscription. */
const teachers = { userId: ACTORS.teacher.userId };
const asks: Record<Key, (actor: Actor) => boolean> = {
  compile: (a) => newsletterPolicy.compile(a),
  send: (a) => newsletterPolicy.send(a),
  readBackIssues: (a) => newsletterPolicy.readBackIssues(a),
  changeSubscription: (a) => newsletterPolicy.changeSubscription(a, teachers),
};

describe("who may do what with the newsletter", () => {
  it.each(
    roleTable<Key>({
      compile: ["network_admin"],
      send: ["network_admin"],
      readBackIssues: ACTOR_NAMES,
      changeSubscription: ["teacher"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(asks[action](ACTORS[key])).toBe(allowed);
  });
});
