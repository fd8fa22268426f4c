import { clusterIdsLedBy } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Whose week the lead's home shows. */
export const leadWeekPolicy = {
  /** The clusters a lead's week covers: those they lead themselves (an administrator's none). */
  clustersOf: (actor: Actor): string[] => clusterIdsLedBy(actor),
};
