import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Who may do what to the accounts of everyone in the network. */
export const userPolicy = {
  /** Listing and searching everyone's accounts (named data): administrators. */
  list: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Enabling an account: administrators. */
  enable: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Ending every session of an account (it stays enabled): administrators. */
  endSessions: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Disabling an account: administrators, never their own (someone else must, or nobody could enable them). */
  disable: (actor: Actor, user: { id: string }): boolean =>
    isNetworkAdmin(actor) && actor.userId !== user.id,
};
