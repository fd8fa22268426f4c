import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { refundAttempts, THROTTLE_WINDOW_MS, takeAttempt } from "../../access/attempts.ts";

/**
 * Sign-in attempts allowed per fifteen minutes. The pair of account and
 * address is the tight limit, so one attacker cannot lock the owner out from
 * elsewhere; an address guessing at many accounts meets its own limit; the
 * account's ceiling is far higher and only a distributed attack reaches it (the
 * owner then signs in with an emailed link).
 */
export const THROTTLE_LIMITS = { pair: 10, address: 30, account: 100 } as const;

export type ThrottleScope = keyof typeof THROTTLE_LIMITS;

/**
 * The account is keyed by a digest of the email, so the table does not list who
 * was targeted (and an unknown email is throttled exactly like a known one).
 */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export function throttleKeys(email: string, ip: string): Record<ThrottleScope, string> {
  const account = emailKey(email);
  return { pair: `pair:${account}:${ip}`, address: `address:${ip}`, account: `account:${account}` };
}

async function retryAfterSeconds(
  db: Kysely<DB>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const row = await db
    .selectFrom("sign_in_throttle")
    .select("window_started_at")
    .where("key", "=", key)
    .executeTakeFirst();
  const until = (row?.window_started_at.getTime() ?? now.getTime()) + windowMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

export type SignInAttempt =
  | { allowed: true; keys: string[] }
  | { allowed: false; by: ThrottleScope; retryAfterSeconds: number };

/**
 * Reserves one sign-in attempt under every limit, tightest first. Refused by a
 * later limit, the earlier reservations are given back. The caller refunds the
 * reservation when the password proves right: only failures count.
 */
export async function beginSignInAttempt(
  db: Kysely<DB>,
  email: string,
  ip: string,
  now: Date,
): Promise<SignInAttempt> {
  const keys = throttleKeys(email, ip);
  const taken: string[] = [];
  for (const by of ["pair", "address", "account"] as const) {
    if (!(await takeAttempt(db, keys[by], THROTTLE_LIMITS[by], now))) {
      await refundAttempts(db, taken);
      return {
        allowed: false,
        by,
        retryAfterSeconds: await retryAfterSeconds(db, keys[by], now, THROTTLE_WINDOW_MS),
      };
    }
    taken.push(keys[by]);
  }
  // Windows long over are no use to anyone: keep the table small.
  await db
    .deleteFrom("sign_in_throttle")
    .where("window_started_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .execute();
  return { allowed: true, keys: taken };
}

/** Whether the account's own ceiling is reached: it is under attack from many addresses. */
export async function accountUnderAttack(
  db: Kysely<DB>,
  email: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom("sign_in_throttle")
    .select(["attempts", "window_started_at"])
    .where("key", "=", throttleKeys(email, "").account)
    .executeTakeFirst();
  return (
    row !== undefined &&
    row.window_started_at.getTime() > now.getTime() - THROTTLE_WINDOW_MS &&
    row.attempts >= THROTTLE_LIMITS.account
  );
}
