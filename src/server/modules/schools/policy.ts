import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what to the network's schools. Seeing a school is the store's scope
 * (`visibleSchools`: its own staff, the leads of a cluster it is enrolled in,
 * administrators); changing the list of schools is for administrators.
 */
export const schoolPolicy = {
  /** Creating, editing, archiving and importing schools, and proposing short codes. */
  manage: (actor: Actor): boolean => isNetworkAdmin(actor),
};
