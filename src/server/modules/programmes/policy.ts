import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Who may do what to the network's programmes and their years. */
export const programmePolicy = {
  /** Seeing templates, programmes and years, creating programmes, opening years: administrators. */
  manage: (actor: Actor): boolean => isNetworkAdmin(actor),
};
