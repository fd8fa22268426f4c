import type { Kysely } from "kysely";
import type { ReauthBody, SecondFactorBody } from "../../../contracts/mfa.ts";
import type { DB } from "../../../db/schema.ts";
import { reauthStillFresh } from "../../../domain/reauth-window.ts";
import { refundAttempts, takeAttempt } from "../../access/attempts.ts";
import { markReauthenticated, reauthenticatedAtOf } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import type { Actor, AppDeps } from "../../context.ts";
import { ReauthenticationRequired, TooManyRequests, WrongSecondFactor } from "../../errors.ts";
import type { Keyring } from "../../secrets/keyring.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { findUserByEmail } from "../users/store.ts";
import { openTotpSecret } from "./secret-at-rest.ts";
import { claimStep, spendRecoveryCode, totpOf } from "./store.ts";
import { hashRecoveryCode, judgeTotp } from "./totp.ts";

/**
 * Guesses at a second factor allowed per fifteen minutes: per person (whoever
 * guesses has their password already, so this is the limit that matters; 10
 * tries at 3 live codes each leave an attacker about 1 in 33,000 per window)
 * and per address.
 */
export const GUESS_LIMITS = { user: 10, address: 30 } as const;
const WINDOW_MINUTES = 15;

/**
 * Counts one guess under both limits before it is checked, so guesses racing
 * each other are counted too; throws 429 past a limit. The caller refunds the
 * keys when the guess was right: only failures count.
 */
export async function takeGuess(
  db: Kysely<DB>,
  userId: string,
  ip: string,
  now: Date,
): Promise<string[]> {
  const limits: [string, number][] = [
    [`second-factor:user:${userId}`, GUESS_LIMITS.user],
    [`second-factor:address:${ip}`, GUESS_LIMITS.address],
  ];
  const taken: string[] = [];
  for (const [key, limit] of limits) {
    if (!(await takeAttempt(db, key, limit, now))) {
      await refundAttempts(db, taken);
      await recordAudit(db, now, {
        action: "auth.second_factor_throttled",
        actorUserId: null,
        targetType: "user",
        targetId: userId,
        ip,
      });
      throw new TooManyRequests(
        WINDOW_MINUTES * 60,
        `Too many wrong codes. Try again in ${WINDOW_MINUTES} minutes.`,
      );
    }
    taken.push(key);
  }
  return taken;
}

export type FactorVerdict =
  | { ok: true; method: "password_totp" | "recovery_code" }
  | { ok: false; reason: "wrong" | "replayed" | "no_factor" | "recovery_code_unknown_or_used" };

/**
 * Checks a code from the app or a recovery code, and uses it up when right: the
 * code's time step becomes the last used one, the recovery code is marked used.
 * Run it inside the transaction that acts on the answer.
 */
export async function checkFactor(
  db: Kysely<DB>,
  keyring: Keyring,
  userId: string,
  body: SecondFactorBody,
  now: Date,
): Promise<FactorVerdict> {
  const totp = await totpOf(db, userId);
  if (!totp?.confirmedAt) return { ok: false, reason: "no_factor" };
  if ("recoveryCode" in body) {
    return (await spendRecoveryCode(db, userId, hashRecoveryCode(body.recoveryCode), now))
      ? { ok: true, method: "recovery_code" }
      : { ok: false, reason: "recovery_code_unknown_or_used" };
  }
  const secret = openTotpSecret(keyring, userId, totp.secret);
  const verdict = judgeTotp(secret, body.code, now, totp.lastUsedStep);
  if (!verdict.ok) return verdict;
  // Another request may have used this step a moment ago: the update decides.
  return (await claimStep(db, userId, verdict.step))
    ? { ok: true, method: "password_totp" }
    : { ok: false, reason: "replayed" };
}

export function wrongFactorDetail(verdict: Exclude<FactorVerdict, { ok: true }>): string {
  switch (verdict.reason) {
    case "replayed":
      return "That code has already been used. Wait for the next code in your authenticator app.";
    case "recovery_code_unknown_or_used":
      return "That recovery code is not right, or it has already been used.";
    default:
      return "That code is not right. Check your authenticator app and try again.";
  }
}

/**
 * The password again, or a fresh code, before a sensitive change. A proof on
 * this session within the last few minutes (a password sign-in, or an earlier
 * answer here) stands instead, and an empty body is then enough; without one,
 * an empty body answers 401 `reauth_required`. A wrong answer throws 401 and
 * counts as a guess. A right one is recorded on the session.
 */
export async function reauthenticate(
  deps: Pick<AppDeps, "db" | "clock" | "secrets">,
  actor: Pick<Actor, "userId" | "email" | "sessionId">,
  body: ReauthBody,
  ip: string,
): Promise<void> {
  const now = deps.clock.now();
  if (!("password" in body) && !("code" in body)) {
    if (reauthStillFresh(await reauthenticatedAtOf(deps.db, actor.sessionId), now)) return;
    throw new ReauthenticationRequired();
  }
  const keys = await takeGuess(deps.db, actor.userId, ip, now);
  if ("password" in body) {
    const user = await findUserByEmail(deps.db, actor.email);
    if (!(await verifyPassword(user?.password_hash, body.password))) {
      throw new WrongSecondFactor("That password is not right.");
    }
  } else {
    const code = { code: (body as { code: string }).code };
    const verdict = await checkFactor(deps.db, deps.secrets, actor.userId, code, now);
    if (!verdict.ok) throw new WrongSecondFactor(wrongFactorDetail(verdict));
  }
  await refundAttempts(deps.db, keys);
  await markReauthenticated(deps.db, actor.sessionId, now);
}
