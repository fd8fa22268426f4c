import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with second factors. A person's factor is their own: every
 * factor route loads the signed-in person's own row, and `changeFactor` says so.
 * The network's policy setting is the administrators', and so is resetting
 * someone's factor when they have lost it.
 */
type Account = { disabled_at: Date | null };
type Factor = { userId: string };

export const mfaPolicy = {
  /** Enrol, disable or renew recovery codes: only one's own factor. */
  changeFactor: (actor: Actor, factor: Factor): boolean => actor.userId === factor.userId,
  /** The second step of a sign-in: only an account that is (still) enabled. */
  passSecondStep: (account: Account): boolean => account.disabled_at === null,
  /** See the network's security settings. */
  viewSecuritySettings: (actor: Actor): boolean => isNetworkAdmin(actor),
  /**
   * Reset someone else's second factor (they lost their device): administrators,
   * never their own (their own is changed on their security page, with its factor).
   */
  resetOthersFactor: (actor: Actor, factor: Factor): boolean =>
    isNetworkAdmin(actor) && actor.userId !== factor.userId,
  /** Turn the second-factor requirement on or off. */
  changeSecuritySettings: (actor: Actor): boolean => isNetworkAdmin(actor),
};
