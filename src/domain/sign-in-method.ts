/**
 * The ways a session can begin. A session begun with a second factor (or with a
 * provider that vouched for one) counts as multi-factor for the second-factor
 * policy; the others do not.
 */
export const SIGN_IN_METHODS = [
  "password",
  "sign_in_link",
  "password_totp",
  "recovery_code",
  "passkey",
  "oidc",
  "oidc_mfa",
  "setup",
  "invitation",
] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

const MULTI_FACTOR: ReadonlySet<SignInMethod> = new Set([
  "password_totp",
  "recovery_code",
  "passkey",
  "oidc_mfa",
]);

/** Whether a session begun this way has passed a second factor. */
export function isMultiFactor(method: SignInMethod): boolean {
  return MULTI_FACTOR.has(method);
}
