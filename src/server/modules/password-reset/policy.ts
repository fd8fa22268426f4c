import type { Actor } from "../../context.ts";

/**
 * Who may reset or change a password. The reset routes are open (`PUBLIC`):
 * their rules are over the account found by email or token; changing a
 * password is for a signed-in person, over their own account only. Pure.
 */
type Account = { id: string; disabled_at: Date | null };

export const passwordResetPolicy = {
  /** A reset email goes only to an account that is not disabled (a disabled one gets nothing, and the same answer). */
  sendReset: (account: Account): boolean => account.disabled_at === null,
  /** Changing a password: one's own, with the current password right. */
  changePassword: (actor: Actor, account: { id: string }, currentPasswordOk: boolean): boolean =>
    actor.userId === account.id && currentPasswordOk,
};
