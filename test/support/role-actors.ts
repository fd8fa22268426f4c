import type { Role, ScopeType } from "../../src/contracts/roles.ts";
import type { Actor } from "../../src/server/context.ts";

/**
 * One actor per role and relation, for policy unit tests that walk a whole
 * role × action table without a database: the school and cluster named here
 * are "ours"; the others are someone else's.
 */
export const OUR_SCHOOL = "00000000-0000-4000-8000-00000000a001";
export const OTHER_SCHOOL = "00000000-0000-4000-8000-00000000a002";
export const OUR_CLUSTER = "00000000-0000-4000-8000-00000000c001";
export const OTHER_CLUSTER = "00000000-0000-4000-8000-00000000c002";
export const NETWORK = "00000000-0000-4000-8000-00000000e001";

let made = 0;
const actor = (name: string, role?: Role, scopeType?: ScopeType, scopeId?: string): Actor => ({
  userId: `00000000-0000-4000-8000-${(++made).toString().padStart(12, "0")}`,
  name,
  email: `${name}@example.test`,
  sessionId: `session-${name}`,
  memberships: role && scopeType ? [{ role, scopeType, scopeId: scopeId ?? null }] : [],
});

export const ROLE_ACTORS = {
  network_admin: actor("network_admin", "network_admin", "network", NETWORK),
  lead_of_cluster: actor("lead_of_cluster", "programme_lead", "cluster", OUR_CLUSTER),
  lead_of_other_cluster: actor("lead_of_other_cluster", "programme_lead", "cluster", OTHER_CLUSTER),
  leader_of_school: actor("leader_of_school", "school_leader", "school", OUR_SCHOOL),
  leader_of_other_school: actor("leader_of_other_school", "school_leader", "school", OTHER_SCHOOL),
  teacher_of_school: actor("teacher_of_school", "teacher", "school", OUR_SCHOOL),
  teacher_of_other_school: actor("teacher_of_other_school", "teacher", "school", OTHER_SCHOOL),
  para_of_school: actor("para_of_school", "para_professional", "school", OUR_SCHOOL),
  para_of_other_school: actor("para_of_other_school", "para_professional", "school", OTHER_SCHOOL),
  no_membership: actor("no_membership"),
} as const;

export type RoleActorName = keyof typeof ROLE_ACTORS;
export const ROLE_ACTOR_NAMES = Object.keys(ROLE_ACTORS) as RoleActorName[];
