import type { Role } from "../../contracts/roles.ts";
import type { Actor } from "../context.ts";

/**
 * Small named predicates over the actor's memberships. Every policy is built
 * from these, so "who may" is answered the same way everywhere.
 */
export const isNetworkAdmin = (actor: Actor): boolean =>
  actor.memberships.some((m) => m.role === "network_admin");

const SCHOOL_ROLES: readonly Role[] = ["school_leader", "teacher", "para_professional"];

/** Schools where the actor holds a school role (optionally one of `roles`). */
export function schoolIdsOf(actor: Actor, roles: readonly Role[] = SCHOOL_ROLES): string[] {
  return actor.memberships
    .filter((m) => m.scopeType === "school" && m.scopeId !== null && roles.includes(m.role))
    .map((m) => m.scopeId as string);
}

/** Clusters the actor leads as programme lead. */
export function clusterIdsLedBy(actor: Actor): string[] {
  return actor.memberships
    .filter((m) => m.role === "programme_lead" && m.scopeId !== null)
    .map((m) => m.scopeId as string);
}

export const worksAtSchool = (actor: Actor, schoolId: string): boolean =>
  schoolIdsOf(actor).includes(schoolId);

export const isSchoolLeaderOf = (actor: Actor, schoolId: string): boolean =>
  schoolIdsOf(actor, ["school_leader"]).includes(schoolId);

export const leadsCluster = (actor: Actor, clusterId: string): boolean =>
  clusterIdsLedBy(actor).includes(clusterId);
