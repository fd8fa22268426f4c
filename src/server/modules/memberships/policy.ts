import { ROLE_SCOPE, type Role } from "../../../contracts/roles.ts";
import { isNetworkAdmin, isSchoolLeaderOf, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * A school role (which opens the school's named pupils) given at a network
 * administrator's hand waits for a second person's approval. A school's own
 * leader adding to their team does not: they already see those pupils.
 */
export function grantNeedsApproval(actor: Actor, role: Role, scopeId: string | null): boolean {
  if (ROLE_SCOPE[role] !== "school" || !scopeId) return false;
  return isNetworkAdmin(actor) && !isSchoolLeaderOf(actor, scopeId);
}

export interface PendingFacts {
  userId: string;
  grantedBy: string | null;
  schoolId: string;
}

const notForSelf = (actor: Actor, pending: PendingFacts) => actor.userId !== pending.userId;
const notOwnGrant = (actor: Actor, pending: PendingFacts) => actor.userId !== pending.grantedBy;

/**
 * Who may do what with a membership waiting for approval. Pure.
 *
 * - see: any administrator, or a leader of its school (anyone else gets 404).
 * - decide (approve or reject one they can see): anyone but the person it is
 *   for and the person who granted it, so a school with no leader yet needs a
 *   second administrator. `decideNotForSelf` and `decideNotOwnGrant` are its
 *   two halves, each refused with its own reason.
 */
export const membershipPolicy = {
  see: (actor: Actor, pending: PendingFacts) =>
    isNetworkAdmin(actor) || isSchoolLeaderOf(actor, pending.schoolId),
  decide: (actor: Actor, pending: PendingFacts) =>
    notForSelf(actor, pending) && notOwnGrant(actor, pending),
  decideNotForSelf: notForSelf,
  decideNotOwnGrant: notOwnGrant,
} satisfies Record<string, (actor: Actor, pending: PendingFacts) => boolean>;

/** The schools whose pending memberships `see` lets the actor list: every school, or these. */
export function pendingSchoolsOf(actor: Actor): "all" | string[] {
  return isNetworkAdmin(actor) ? "all" : schoolIdsOf(actor, ["school_leader"]);
}
