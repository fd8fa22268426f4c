import type { Role } from "../../src/contracts/roles.ts";
import type { Actor, ActorMembership } from "../../src/server/context.ts";

/**
 * Actors for the policy unit tests' role × action tables, one per role and
 * relation to the row: the row's school is SCHOOL and its cluster CLUSTER;
 * the "other_" actors hold the same role over another school or cluster. No
 * database.
 */
export const SCHOOL = "00000000-0000-4000-8000-00000000000a";
export const OTHER_SCHOOL = "00000000-0000-4000-8000-00000000000b";
export const CLUSTER = "00000000-0000-4000-8000-00000000000c";
export const OTHER_CLUSTER = "00000000-0000-4000-8000-00000000000d";

function actor(key: number, name: string, memberships: ActorMembership[]): Actor {
  return {
    userId: `00000000-0000-4000-8000-${String(key).padStart(12, "0")}`,
    name,
    email: `${name}@example.test`,
    sessionId: `session-${key}`,
    memberships,
  };
}

const school = (role: Role, scopeId: string): ActorMembership => ({
  role,
  scopeType: "school",
  scopeId,
});
const cluster = (scopeId: string): ActorMembership => ({
  role: "programme_lead",
  scopeType: "cluster",
  scopeId,
});

export const ACTORS = {
  network_admin: actor(1, "network_admin", [
    { role: "network_admin", scopeType: "network", scopeId: null },
  ]),
  programme_lead: actor(2, "programme_lead", [cluster(CLUSTER)]),
  other_programme_lead: actor(3, "other_programme_lead", [cluster(OTHER_CLUSTER)]),
  school_leader: actor(4, "school_leader", [school("school_leader", SCHOOL)]),
  other_school_leader: actor(5, "other_school_leader", [school("school_leader", OTHER_SCHOOL)]),
  teacher: actor(6, "teacher", [school("teacher", SCHOOL)]),
  other_teacher: actor(7, "other_teacher", [school("teacher", OTHER_SCHOOL)]),
  para_professional: actor(8, "para_professional", [school("para_professional", SCHOOL)]),
  other_para_professional: actor(9, "other_para_professional", [
    school("para_professional", OTHER_SCHOOL),
  ]),
  no_membership: actor(10, "no_membership", []),
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;
export const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

/**
 * For each action, exactly who is allowed: returns [action, actor, expected] rows
 * for `it.each`, so a loosened (or tightened) rule fails the test.
 */
export function roleTable<A extends string>(
  allowed: Record<A, readonly ActorName[]>,
): [A, ActorName, boolean][] {
  return (Object.keys(allowed) as A[]).flatMap((action) =>
    ACTOR_NAMES.map((name): [A, ActorName, boolean] => [
      action,
      name,
      allowed[action].includes(name),
    ]),
  );
}

/** Every actor `rule` lets in, for one `toEqual` against the allowed list. */
export function whoMay(rule: (actor: Actor) => boolean): ActorName[] {
  return ACTOR_NAMES.filter((name) => rule(ACTORS[name]));
}
