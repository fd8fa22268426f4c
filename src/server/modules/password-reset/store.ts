import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import {
  deleteOtherSessionsOfUser,
  deleteSessionsOfUser,
  hashToken,
  newToken,
} from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";

/** A reset link works once, within half an hour (AUTH-6). */
export const RESET_LIFETIME_MS = 30 * 60 * 1000;
/** At most this many reset emails per account in one lifetime, so an inbox cannot be flooded. */
export const RESETS_PER_WINDOW = 3;

/** Stands in for a user when the email is unknown, so both paths run the same queries. */
const NOBODY = "00000000-0000-4000-8000-000000000000";

async function recentResets(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom("password_resets")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("created_at", ">", new Date(now.getTime() - RESET_LIFETIME_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A new one-time reset token for a user (only its digest is stored), or null
 * when the account has had its share of reset emails this half hour.
 */
export async function createPasswordReset(
  db: Kysely<DB>,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string } | null> {
  if ((await recentResets(db, userId, now)) >= RESETS_PER_WINDOW) return null;
  const token = newToken();
  const row = await db
    .insertInto("password_resets")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: new Date(now.getTime() + RESET_LIFETIME_MS),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Used and long-expired tokens are no use to anyone.
  await db
    .deleteFrom("password_resets")
    .where("expires_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .execute();
  return { id: row.id, token };
}

/**
 * The work a reset request does for a known account, done for an unknown email,
 * so the answer takes about as long either way (AUTH-5).
 */
export async function resetWorkForNobody(
  db: Kysely<DB>,
  now: Date,
  options: { mailKept: boolean },
): Promise<void> {
  await recentResets(db, NOBODY, now);
  hashToken(newToken());
  // A known account's request writes its token and clears old ones: the same
  // statements, touching no row, so the database does about as much work.
  await db
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("user_id", "=", NOBODY)
    .where("used_at", "is", null)
    .execute();
  await db
    .deleteFrom("password_resets")
    .where("expires_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .execute();
  // Without a mail server, the known account's message waits in the outbox: one more write.
  if (options.mailKept) {
    await db.updateTable("outbox").set({ error: null }).where("id", "=", NOBODY).execute();
  }
}

export interface UsableReset {
  resetId: string;
  userId: string;
  email: string;
  name: string;
}

/** A reset token that can still be used: known, unused, unexpired, its account enabled. */
export async function findUsableReset(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<UsableReset | undefined> {
  const row = await db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.id as resetId", "users.id as userId", "users.email", "users.name"])
    .where("password_resets.token_hash", "=", hashToken(token))
    .where("password_resets.used_at", "is", null)
    .where("password_resets.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row;
}

/**
 * Uses the token up (in one statement, so two requests cannot both use it),
 * sets the new password, voids the account's other reset tokens, ends every one
 * of its sessions and writes the audit row: one transaction. Null when the token
 * was used up meanwhile.
 */
export async function completePasswordReset(
  db: Kysely<DB>,
  now: Date,
  input: { resetId: string; userId: string; passwordHash: string; ip: string | null },
): Promise<{ sessionsEnded: number } | null> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("id", "=", input.resetId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("id")
      .executeTakeFirst();
    if (!used) return null;
    await trx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("user_id", "=", input.userId)
      .where("used_at", "is", null)
      .execute();
    await trx
      .updateTable("users")
      .set({ password_hash: input.passwordHash })
      .where("id", "=", input.userId)
      .execute();
    const sessionsEnded = await deleteSessionsOfUser(trx, input.userId);
    await recordAudit(trx, now, {
      action: "auth.password_reset",
      actorUserId: input.userId,
      targetType: "user",
      targetId: input.userId,
      ip: input.ip,
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/** The stored password hash of an account, for checking the current password. */
export async function passwordHashOf(db: Kysely<DB>, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.password_hash;
}

/**
 * Sets a signed-in person's new password and ends their other sessions (in the
 * caller's transaction); answers how many ended.
 */
export async function changePassword(
  trx: Kysely<DB>,
  now: Date,
  input: { userId: string; keepSessionId: string; passwordHash: string },
): Promise<number> {
  await trx
    .updateTable("users")
    .set({ password_hash: input.passwordHash })
    .where("id", "=", input.userId)
    .execute();
  // A reset link asked for before the change must not undo it.
  await trx
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("user_id", "=", input.userId)
    .where("used_at", "is", null)
    .execute();
  return deleteOtherSessionsOfUser(trx, input.userId, input.keepSessionId);
}
