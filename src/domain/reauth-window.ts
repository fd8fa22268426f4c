import type { SignInMethod } from "./sign-in-method.ts";

/**
 * A sensitive change (setting up or changing a second factor, an administrator
 * resetting someone's) asks for the password again, unless the person proved
 * who they are on this session in the last few minutes: by signing in with the
 * password, or by answering such a question a moment ago. Short, so a session
 * left open on a shared computer does not carry it for long (ASVS 7.5.1).
 */
export const REAUTH_WINDOW_MINUTES = 5;

const PROVES_PASSWORD: ReadonlySet<SignInMethod> = new Set([
  "password",
  "password_totp",
  "recovery_code",
]);

/** Whether a session begun this way began with the password typed just then. */
export function signInProvesPassword(method: SignInMethod): boolean {
  return PROVES_PASSWORD.has(method);
}

/** Whether a proof at `at` still stands at `now`: within the window, and not in the future. */
export function reauthStillFresh(at: Date | null, now: Date): boolean {
  if (at === null) return false;
  const age = now.getTime() - at.getTime();
  return age >= 0 && age < REAUTH_WINDOW_MINUTES * 60 * 1000;
}
