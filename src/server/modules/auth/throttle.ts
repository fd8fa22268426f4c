import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";

/** Ten failures in fifteen minutes, per account and per client address. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 10;

/**
 * Failures are counted in the database, not in process memory, so every app
 * server behind a load balancer sees the same budget. The account is keyed by a
 * digest of the email, so the table does not list who was targeted.
 */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export interface ThrottleState {
  limited: boolean;
  retryAfterSeconds: number;
  by: "account" | "address" | null;
}

async function oldestInWindow(
  db: Kysely<DB>,
  column: "email_key" | "ip",
  value: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const rows = await db
    .selectFrom("sign_in_failures")
    .select("occurred_at")
    .where(column, "=", value)
    .where("occurred_at", ">", since)
    .orderBy("occurred_at", "desc")
    .limit(THROTTLE_MAX_FAILURES)
    .execute();
  return { count: rows.length, oldest: rows.at(-1)?.occurred_at ?? null };
}

export async function throttleState(
  db: Kysely<DB>,
  email: string,
  ip: string,
  now: Date,
): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const [by, column, value] of [
    ["account", "email_key", emailKey(email)],
    ["address", "ip", ip],
  ] as const) {
    const { count, oldest } = await oldestInWindow(db, column, value, since);
    if (count >= THROTTLE_MAX_FAILURES && oldest) {
      // The budget frees up when the oldest of the last ten failures leaves the window.
      const retryMs = oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime();
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)), by };
    }
  }
  return { limited: false, retryAfterSeconds: 0, by: null };
}

export async function recordFailure(
  db: Kysely<DB>,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto("sign_in_failures")
    .values({ email_key: emailKey(email), ip, occurred_at: now })
    .execute();
  // Old rows are no use to anyone: keep the table small.
  await db
    .deleteFrom("sign_in_failures")
    .where("occurred_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .execute();
}
