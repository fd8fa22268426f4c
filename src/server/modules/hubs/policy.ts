import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Who may do what to the network's hubs (its groups of schools). */
export const hubPolicy = {
  /** Seeing, creating, renaming and archiving hubs: administrators. */
  manage: (actor: Actor): boolean => isNetworkAdmin(actor),
};
