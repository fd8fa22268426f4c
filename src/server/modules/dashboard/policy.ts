import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** What a person's dashboard opens to them, role by role. */
export const dashboardPolicy = {
  /** The network's counts: administrators. */
  seesNetwork: (actor: Actor): boolean => isNetworkAdmin(actor),
  /**
   * The clusters a person leads. Administrators see every cluster on their own
   * pages; here, only the ones a person leads.
   */
  ledClusterIds: (actor: Actor): string[] => clusterIdsLedBy(actor),
  /** The schools where a person holds a school role. */
  ownSchoolIds: (actor: Actor): string[] => [...new Set(schoolIdsOf(actor))],
};
