/**
 * Who may sign in. Every auth route is open (`PUBLIC`) or for any session
 * (`SIGNED_IN`); the rules here are over the account that was found.
 */
type Account = { disabled_at: Date | null };

export const authPolicy = {
  /** A password sign-in: the right password, on an account that is not disabled. */
  signIn: (account: Account, passwordOk: boolean): boolean =>
    passwordOk && account.disabled_at === null,
  /** A one-time sign-in link: only an enabled account whose password sign-in is paused by an attack. */
  getSignInLink: (account: Account, underAttack: boolean): boolean =>
    account.disabled_at === null && underAttack,
};
