import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/store.ts";
import { TooManyRequests } from "../../errors.ts";
import type { SignInAttempt } from "./throttle.ts";

/** The answer to a throttled password sign-in, with its audit row written. */
export async function throttledSignIn(
  db: Kysely<DB>,
  now: Date,
  ip: string,
  attempt: Extract<SignInAttempt, { allowed: false }>,
): Promise<TooManyRequests> {
  await recordAudit(db, now, {
    action: "auth.sign_in_throttled",
    actorUserId: null,
    ip,
    details: { by: attempt.by },
  });
  const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
  return new TooManyRequests(
    attempt.retryAfterSeconds,
    attempt.by === "account"
      ? `This account is receiving many failed sign-ins, so password sign-in is paused for ${minutes} minutes. If it is yours, ask for a sign-in link by email.`
      : `Too many failed sign-ins. Try again in ${minutes} minutes.`,
    { signInLink: attempt.by === "account" },
  );
}
