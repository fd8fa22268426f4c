import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-limits.ts";

/** Words that anyone attacking this deployment would try first. */
export const CONTEXT_WORDS = [
  "cascade",
  "excellenceforeveryone",
  "challengethegap",
  "challengepartners",
  "pupilpremium",
  "password",
];

/**
 * zxcvbn's scale runs 0–4; 3 means about 10^8 guesses or more, out of reach
 * online and slow offline against argon2id.
 */
export const MIN_STRENGTH_SCORE = 3;
/** Fewer different characters than this is a repeated pattern, whatever its length. */
const MIN_DISTINCT_CHARACTERS = 5;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

let estimator: ZxcvbnFactory | undefined;

/** Built on first use (a quarter of a second): the dictionaries are large. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/** The ~49,000 most common passwords (zxcvbn-ts's list), lower-cased. */
let commonPasswords: Set<string> | undefined;
export function commonPasswordList(): ReadonlySet<string> {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p: string) => p.toLowerCase()));
  return commonPasswords;
}

/**
 * The product's words and the person's name, email and school, as whole
 * phrases and as their separate words (an email by its local part too).
 */
function contextInputs(words: readonly string[]): string[] {
  const inputs = new Set<string>();
  const emailParts = words.flatMap((w) => (w.includes("@") ? [w.split("@")[0] ?? ""] : []));
  for (const word of [...CONTEXT_WORDS, ...words, ...emailParts]) {
    const lowered = word.trim().toLowerCase();
    if (!lowered) continue;
    inputs.add(lowered);
    for (const part of lowered.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) inputs.add(part);
  }
  return [...inputs];
}

/**
 * The one password rule, for the server and the web alike. Length first (no
 * composition rules); then refusals with a reason a person can act on: only
 * spaces, one character or a short pattern repeated, a common password, a
 * password that is little more than a context word (the product, the person's
 * name or email, their school) plus a few characters; and finally zxcvbn's
 * estimate of how many guesses it would take, given the same context.
 */
export function checkNewPassword(
  password: string,
  extraContextWords: readonly string[] = [],
  commonList: ReadonlySet<string> = commonPasswordList(),
): PasswordVerdict {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return { ok: false, reason: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, reason: `A password has at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (password.trim() === "") {
    return { ok: false, reason: "A password cannot be only spaces. Use a few unrelated words." };
  }
  if (new Set(characters.map((c) => c.toLowerCase())).size < MIN_DISTINCT_CHARACTERS) {
    return {
      ok: false,
      reason: "This password repeats the same few characters. Use a few unrelated words instead.",
    };
  }
  const lowered = password.toLowerCase();
  if (commonList.has(lowered)) {
    return {
      ok: false,
      reason: "This password is on a list of commonly used passwords. Choose another.",
    };
  }
  // Little more than context words (whole, or their separate words) plus a few characters.
  const squashed = lowered.replaceAll(/[^\p{L}\p{N}]/gu, "");
  const found: string[] = [];
  let rest = squashed;
  for (const word of contextInputs(extraContextWords).sort((a, b) => b.length - a.length)) {
    const key = word.replaceAll(/[^\p{L}\p{N}]/gu, "");
    if (key.length < 4 || !rest.includes(key)) continue;
    found.push(word);
    rest = rest.replaceAll(key, "");
  }
  if (found.length > 0 && rest.length < 8) {
    return {
      ok: false,
      reason: `This password is too close to "${found[0]}", which anyone would guess. Choose another.`,
    };
  }
  const { score } = strengthEstimator().check(password, contextInputs(extraContextWords));
  if (score < MIN_STRENGTH_SCORE) {
    return {
      ok: false,
      reason:
        "This password would be easy to guess (a common word, name, date or pattern). Add more unrelated words.",
    };
  }
  return { ok: true };
}
