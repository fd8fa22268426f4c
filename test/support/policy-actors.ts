import type { Role } from "../../src/contracts/roles.ts";
import type { Actor, ActorMembership } from "../../src/server/context.ts";

/**
 * One actor per role and relation, for the policy tests' role × action tables.
 * "Here" is the school S and cluster C a rule is asked about; "elsewhere" holds
 * the same role over another school or cluster.
 */
export const SCHOOL = "00000000-0000-4000-8000-00000000005a";
export const OTHER_SCHOOL = "00000000-0000-4000-8000-00000000005b";
export const CLUSTER = "00000000-0000-4000-8000-00000000000c";
export const OTHER_CLUSTER = "00000000-0000-4000-8000-00000000000d";

function actor(key: string, memberships: ActorMembership[]): Actor {
  return {
    userId: `00000000-0000-4000-8000-${key.padStart(12, "0")}`,
    name: key,
    email: `${key}@example.test`,
    sessionId: `session-${key}`,
    memberships,
  };
}

const school = (role: Role, scopeId: string): ActorMembership => ({
  role,
  scopeType: "school",
  scopeId,
});

export const ACTORS = {
  network_admin: actor("1", [{ role: "network_admin", scopeType: "network", scopeId: null }]),
  lead_here: actor("2", [{ role: "programme_lead", scopeType: "cluster", scopeId: CLUSTER }]),
  lead_elsewhere: actor("3", [
    { role: "programme_lead", scopeType: "cluster", scopeId: OTHER_CLUSTER },
  ]),
  leader_here: actor("4", [school("school_leader", SCHOOL)]),
  leader_elsewhere: actor("5", [school("school_leader", OTHER_SCHOOL)]),
  teacher_here: actor("6", [school("teacher", SCHOOL)]),
  teacher_elsewhere: actor("7", [school("teacher", OTHER_SCHOOL)]),
  para_here: actor("8", [school("para_professional", SCHOOL)]),
  para_elsewhere: actor("9", [school("para_professional", OTHER_SCHOOL)]),
  nobody: actor("10", []),
} as const satisfies Record<string, Actor>;

export type ActorKey = keyof typeof ACTORS;
export const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/**
 * Every actor with whether `rule` lets them, for one `expect(...).toEqual(...)`
 * against the allowed set: a loosened or tightened rule changes the list.
 */
export function whoMay(rule: (actor: Actor) => boolean): ActorKey[] {
  return ACTOR_KEYS.filter((key) => rule(ACTORS[key]));
}
