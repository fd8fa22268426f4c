import type { Role } from "../../src/contracts/roles.ts";
import type { Actor } from "../../src/server/context.ts";

/** The cluster, the school (enrolled in it) and the others a policy table is walked over. */
export const CLUSTER = "c0000000-0000-4000-8000-000000000001";
export const OTHER_CLUSTER = "c0000000-0000-4000-8000-000000000002";
export const SCHOOL = "50000000-0000-4000-8000-000000000001";
export const OTHER_SCHOOL = "50000000-0000-4000-8000-000000000002";

function actor(userId: string, role: Role | null, scopeId: string | null): Actor {
  const scopeType =
    role === "network_admin" ? "network" : role === "programme_lead" ? "cluster" : "school";
  return {
    userId,
    name: userId,
    email: `${userId}@example.org`,
    sessionId: `session-${userId}`,
    memberships: role ? [{ role, scopeType, scopeId }] : [],
  };
}

/** Every role a policy is asked about: of the row's cluster or school, of another, and none at all. */
export const POLICY_ACTORS = {
  network_admin: actor("network_admin", "network_admin", null),
  lead: actor("lead", "programme_lead", CLUSTER),
  other_lead: actor("other_lead", "programme_lead", OTHER_CLUSTER),
  school_leader: actor("school_leader", "school_leader", SCHOOL),
  other_school_leader: actor("other_school_leader", "school_leader", OTHER_SCHOOL),
  teacher: actor("teacher", "teacher", SCHOOL),
  other_teacher: actor("other_teacher", "teacher", OTHER_SCHOOL),
  para: actor("para", "para_professional", SCHOOL),
  other_para: actor("other_para", "para_professional", OTHER_SCHOOL),
  no_membership: actor("no_membership", null, null),
} as const;

export type PolicyActorKey = keyof typeof POLICY_ACTORS;
export const POLICY_ACTOR_KEYS = Object.keys(POLICY_ACTORS) as PolicyActorKey[];

/** One row per actor × action: whether `allowed` names the actor. */
export function table<A extends string>(
  allowed: Record<A, readonly PolicyActorKey[]>,
): [A, PolicyActorKey, boolean][] {
  return (Object.keys(allowed) as A[]).flatMap((action) =>
    POLICY_ACTOR_KEYS.map((key): [A, PolicyActorKey, boolean] => [
      action,
      key,
      allowed[action].includes(key),
    ]),
  );
}
