import { invitationMatchesEmail } from "../../../domain/single-sign-on.ts";
import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with single sign-on. The providers are the network's, so
 * only its administrators see or change them. Signing in is open, and the
 * rules are over the account found and the invitation used.
 */
type Account = { disabled_at: Date | null };

export const ssoPolicy = {
  /** See the configured providers (never their secrets). */
  listProviders: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Add, change or disable a provider. */
  manageProviders: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Sign in with a provider: only on an account that is (still) enabled. */
  signInWith: (account: Account): boolean => account.disabled_at === null,
  /** Accept an invitation by single sign-on: only as the address it was sent to. */
  acceptInvitation: (invitation: { email: string }, verifiedEmail: string): boolean =>
    invitationMatchesEmail(invitation.email, verifiedEmail),
};
