import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what to an enrolment the actor can already see (seeing one is the
 * store's scope: the school's own staff, the leads of its cluster, administrators).
 */
export const enrolmentPolicy = {
  /** Enrolling a school, or withdrawing an enrolment made in error: administrators. */
  enrol: (actor: Actor): boolean => isNetworkAdmin(actor),
  withdraw: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Managing a team (inviting, removing, withdrawing invitations): the school's own leaders, and administrators. */
  manageTeam: (actor: Actor, enrolment: { schoolId: string }): boolean =>
    isNetworkAdmin(actor) || isSchoolLeaderOf(actor, enrolment.schoolId),
};
