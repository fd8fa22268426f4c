import { ROLE_SCOPE, type Role } from "../../../contracts/roles.ts";
import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
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

/** Who may see a pending membership at all: any administrator, or a leader of its school. */
export function maySeePending(actor: Actor, pending: PendingFacts): boolean {
  return isNetworkAdmin(actor) || isSchoolLeaderOf(actor, pending.schoolId);
}

/**
 * Who may approve or reject one they can see: anyone but the person who granted
 * it and the person it is for. A school with no leader yet therefore needs a
 * second administrator.
 */
export function mayDecidePending(actor: Actor, pending: PendingFacts): boolean {
  return actor.userId !== pending.grantedBy && actor.userId !== pending.userId;
}
