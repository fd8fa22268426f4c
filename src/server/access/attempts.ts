import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/*
 * Counting attempts against a limit per key and window, in the sign_in_throttle
 * table: sign-in (modules/auth/throttle.ts) and the second factor (modules/mfa)
 * count their guesses here, under keys of their own.
 */

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts one attempt against a key if, and only if, the key is under its limit:
 * one statement, so concurrent attempts queue on the row and at most `limit`
 * of them get through in a window. A window that has run out starts afresh.
 */
export async function takeAttempt(
  db: Kysely<DB>,
  key: string,
  limit: number,
  now: Date,
  windowMs = THROTTLE_WINDOW_MS,
): Promise<boolean> {
  const since = new Date(now.getTime() - windowMs);
  const result = await sql<{ attempts: number }>`
    insert into sign_in_throttle as t (key, window_started_at, attempts)
    values (${key}, ${now}, 1)
    on conflict (key) do update set
      attempts = case when t.window_started_at <= ${since} then 1 else t.attempts + 1 end,
      window_started_at = case when t.window_started_at <= ${since} then ${now} else t.window_started_at end
    where t.window_started_at <= ${since} or t.attempts < ${limit}
    returning attempts`.execute(db);
  return result.rows.length === 1;
}

/** Gives back attempts that were counted but are not to be held against anyone. */
export async function refundAttempts(db: Kysely<DB>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .updateTable("sign_in_throttle")
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref("attempts")} - 1, 0)` }))
    .where("key", "in", keys)
    .execute();
}
