import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what to clusters and their trios. Seeing a cluster is the store's
 * scope (`visibleClusters`: administrators, and the cluster's own programme leads).
 */
export const clusterPolicy = {
  /** Creating clusters, forming and dissolving trios: administrators. */
  manage: (actor: Actor): boolean => isNetworkAdmin(actor),
};
