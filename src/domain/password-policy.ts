import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../contracts/auth.ts";

/** Words that anyone attacking this deployment would try first. */
export const CONTEXT_WORDS = [
  "cascade",
  "excellenceforeveryone",
  "challengethegap",
  "challengepartners",
  "pupilpremium",
  "password",
];

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

/**
 * ASVS-style policy: length only, no composition rules; refuse passwords from a
 * list of common ones, and passwords that are little more than a context word
 * (the product's or programme's name) plus a few characters.
 */
export function checkNewPassword(
  password: string,
  commonPasswords: ReadonlySet<string>,
  extraContextWords: readonly string[] = [],
): PasswordVerdict {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return { ok: false, reason: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, reason: `A password has at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) {
    return {
      ok: false,
      reason: "This password is on a list of commonly used passwords. Choose another.",
    };
  }
  const squashed = lowered.replaceAll(/[^a-z0-9]/g, "");
  for (const word of [...CONTEXT_WORDS, ...extraContextWords]) {
    const key = word.toLowerCase().replaceAll(/[^a-z0-9]/g, "");
    if (key.length < 4 || !squashed.includes(key)) continue;
    if (squashed.replaceAll(key, "").length < 8) {
      return {
        ok: false,
        reason: `This password is too close to "${word}", which anyone would guess. Choose another.`,
      };
    }
  }
  return { ok: true };
}
