/**
 * The rule for accepting a time-based one-time code (RFC 6238): which time steps
 * a code may belong to, and that each step is used once. Computing a step's code
 * (HMAC) is the library's job; the caller passes it in, so this rule stays pure.
 */

/** RFC 6238's default step, which every authenticator app uses. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little fast or slow, or a code typed as it turned over. */
export const TOTP_SKEW_STEPS = 1;

/** The time step (T in RFC 6238, with T0 = 0) an instant falls in. */
export function timeStep(epochMs: number, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(epochMs / 1000 / periodSeconds);
}

/** Compares two codes without stopping at the first difference. */
export function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type CodeVerdict =
  | { ok: true; step: number }
  /** No step in the window has this code. */
  | { ok: false; reason: "wrong" }
  /** The code is right for a step that was already used: a replay, refused. */
  | { ok: false; reason: "replayed" };

/**
 * Whether `code` is accepted now: it must be the code of the current step or one
 * step either side, and that step must be later than the last step accepted for
 * this person (`lastUsedStep`, null when none was). On success the caller stores
 * the returned step as the new last used one, so neither this code nor any
 * earlier one works again.
 */
export function judgeCode(
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
  codeAt: (step: number) => string,
): CodeVerdict {
  const current = timeStep(nowMs);
  let replayed = false;
  // Newest first, so a match on a fresh step wins over a match on a used one.
  const oldest = Math.max(0, current - TOTP_SKEW_STEPS);
  for (let step = current + TOTP_SKEW_STEPS; step >= oldest; step--) {
    if (!sameCode(codeAt(step), code)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) {
      replayed = true;
      continue;
    }
    return { ok: true, step };
  }
  return replayed ? { ok: false, reason: "replayed" } : { ok: false, reason: "wrong" };
}
