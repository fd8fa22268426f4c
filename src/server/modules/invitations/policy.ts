import { ROLE_SCOPE, type Role, type ScopeType } from "../../../contracts/roles.ts";
import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { ValidationProblem } from "../../errors.ts";

/** The role and the scope it is offered over must belong together. */
export function assertRoleFitsScope(
  role: Role,
  scopeType: ScopeType,
  scopeId: string | null | undefined,
): void {
  const expected = ROLE_SCOPE[role];
  if (scopeType !== expected) {
    throw new ValidationProblem("The role does not fit the scope.", [
      {
        field: "scopeType",
        message: `The role ${role} is held over a ${expected}, not a ${scopeType}.`,
      },
    ]);
  }
  if (scopeType === "network" && scopeId) {
    throw new ValidationProblem("The network has no id.", [
      { field: "scopeId", message: "Leave scopeId out for the network." },
    ]);
  }
  if (scopeType !== "network" && !scopeId) {
    throw new ValidationProblem(`Choose the ${scopeType}.`, [
      { field: "scopeId", message: `Give the id of the ${scopeType} this role is held in.` },
    ]);
  }
}

/**
 * Who may do what with an invitation. Pure.
 *
 * - invite: through the general invitation route, network administrators, to
 *   any role. School leaders invite their staff through their team, which
 *   carries its own rule.
 * - joinWithAccount: accepting while signed in joins the invitation with that
 *   account, so only the invited email's own session may.
 */
export const invitationPolicy = {
  invite: (actor: Actor) => isNetworkAdmin(actor),
  joinWithAccount: (actor: Actor, invitation: { email: string }) =>
    viewerOf(actor, invitation.email) === "invitee",
};

/**
 * Who is looking at an invitation. Only the invited email's own session may
 * join with an existing account; nobody else learns whether one exists.
 */
export function viewerOf(
  actor: Pick<Actor, "email"> | null,
  invitedEmail: string,
): "invitee" | "someone_else" | "signed_out" {
  if (!actor) return "signed_out";
  return actor.email.toLowerCase() === invitedEmail.toLowerCase() ? "invitee" : "someone_else";
}
