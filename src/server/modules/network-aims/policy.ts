import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who reads the network's aims. The network's administrators, who see the
 * whole network and filter it by hub. There is no hub lead role to scope a
 * hub's own view by, so a hub's figures are read through the administrators'
 * hub filter. Pure.
 */
export const networkAimsPolicy = {
  /** Read the aims dashboard and download it as CSV or PDF: a network administrator. */
  read: (actor: Actor): boolean => isNetworkAdmin(actor),
};
