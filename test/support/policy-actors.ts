import type { Role, ScopeType } from "../../src/contracts/roles.ts";
import type { Actor } from "../../src/server/context.ts";

/**
 * Actors for policy unit tests, one per role and relation to the row: the row's
 * school is SCHOOL, its cluster CLUSTER; "other" roles hold the same role over
 * another school or cluster. No database.
 */
export const SCHOOL = "00000000-0000-4000-8000-00000000000a";
export const OTHER_SCHOOL = "00000000-0000-4000-8000-00000000000b";
export const CLUSTER = "00000000-0000-4000-8000-00000000000c";
export const OTHER_CLUSTER = "00000000-0000-4000-8000-00000000000d";

const actor = (
  name: string,
  memberships: { role: Role; scopeType: ScopeType; scopeId: string | null }[],
): Actor => ({
  userId: `00000000-0000-4000-8000-${String(name.length).padStart(12, "0")}`,
  name,
  email: `${name}@example.test`,
  sessionId: "session",
  memberships,
});

export const ACTORS = {
  network_admin: actor("network_admin", [
    { role: "network_admin", scopeType: "network", scopeId: null },
  ]),
  programme_lead: actor("programme_lead", [
    { role: "programme_lead", scopeType: "cluster", scopeId: CLUSTER },
  ]),
  other_programme_lead: actor("other_programme_lead", [
    { role: "programme_lead", scopeType: "cluster", scopeId: OTHER_CLUSTER },
  ]),
  school_leader: actor("school_leader", [
    { role: "school_leader", scopeType: "school", scopeId: SCHOOL },
  ]),
  other_school_leader: actor("other_school_leader", [
    { role: "school_leader", scopeType: "school", scopeId: OTHER_SCHOOL },
  ]),
  teacher: actor("teacher", [{ role: "teacher", scopeType: "school", scopeId: SCHOOL }]),
  other_teacher: actor("other_teacher", [
    { role: "teacher", scopeType: "school", scopeId: OTHER_SCHOOL },
  ]),
  para_professional: actor("para_professional", [
    { role: "para_professional", scopeType: "school", scopeId: SCHOOL },
  ]),
  other_para_professional: actor("other_para_professional", [
    { role: "para_professional", scopeType: "school", scopeId: OTHER_SCHOOL },
  ]),
  no_membership: actor("no_membership", []),
} satisfies Record<string, Actor>;

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
