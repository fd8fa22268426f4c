import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may read the audit log. Pure.
 *
 * - readLog: the whole log, every school and person: the network's administrators.
 * - checkChain: walking the hash chain from its start: the network's administrators.
 * - readAccessHistory: who read or changed a school's pupil data: that school's
 *   own leaders (staff of other schools never reach the school: 404 first).
 */
export const auditPolicy = {
  readLog: (actor: Actor) => isNetworkAdmin(actor),
  checkChain: (actor: Actor) => isNetworkAdmin(actor),
  readAccessHistory: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
};
