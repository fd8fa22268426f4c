import type { SecondFactorStanding } from "../../../domain/second-factor-policy.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with passkeys. A passkey is its owner's: every route loads
 * the signed-in person's own rows (another's answers 404), and these rules say
 * so. A session that has still to pass its person's second factor may not add
 * a passkey, or a new passkey would be a way round the factor it has not passed.
 */
type Owned = { userId: string };
type Account = { disabled_at: Date | null };

export const passkeyPolicy = {
  /** See one's own passkeys. */
  listPasskeys: (actor: Actor, owner: Owned): boolean => actor.userId === owner.userId,
  /** Register a passkey: one's own, in a session that is not waiting on its second factor. */
  addPasskey: (actor: Actor, owner: Owned, standing: SecondFactorStanding): boolean =>
    actor.userId === owner.userId && standing !== "second-factor-required",
  /** Remove a passkey: only one's own. */
  removePasskey: (actor: Actor, passkey: Owned): boolean => actor.userId === passkey.userId,
  /** Sign in, or pass the second step, with a passkey: only on an account that is (still) enabled. */
  signInWith: (account: Account): boolean => account.disabled_at === null,
};
