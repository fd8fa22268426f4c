import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may keep the EEF Toolkit strands right: everyone signed in reads them (no
 * rule: they are network-wide reference data); only a network administrator
 * corrects a strand's figures or confirms them against the live Toolkit. Pure.
 */
export const eefStrandPolicy = {
  /** Correct a strand's headline figures. */
  correct: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Record that a strand was checked against the live Toolkit. */
  confirm: (actor: Actor): boolean => isNetworkAdmin(actor),
};
