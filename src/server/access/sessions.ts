import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { signInProvesPassword } from "../../domain/reauth-window.ts";
import type { SignInMethod } from "../../domain/sign-in-method.ts";
import type { Actor, ActorMembership } from "../context.ts";
import { SCHOOL_STAFF } from "./pupil-data.ts";

/*
 * Sessions: how the server knows the actor behind a request. Shared by the session
 * plugin and by every module that starts or ends sessions (auth, setup,
 * invitations, users), so no module has to import another for them.
 */

/** Idle limit for accounts that see no named pupil data. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Sliding the idle window costs a write; once a minute is precise enough. */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * How long a session may sit unused. Staff who can open named pupil data (any
 * school membership) get the shorter, configured limit: an unattended
 * classroom computer should not stay signed in for half a day.
 */
export function idleLimitMs(
  memberships: readonly Pick<ActorMembership, "role">[],
  staffIdleMinutes: number,
): number {
  const namedData = memberships.some((m) => (SCHOOL_STAFF as readonly string[]).includes(m.role));
  return namedData ? Math.min(staffIdleMinutes * 60 * 1000, SESSION_IDLE_MS) : SESSION_IDLE_MS;
}

/** A random token for cookies and links: 32 bytes from the CSPRNG. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this digest is stored, so a copy of the database holds no usable token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
  method: SignInMethod = "password",
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      method,
      reauthenticated_at: signInProvesPassword(method) ? now : null,
    })
    .execute();
  return { token, expiresAt };
}

/** When the person behind this session last proved who they are on it (null: never). */
export async function reauthenticatedAtOf(db: Kysely<DB>, sessionId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("sessions")
    .select("reauthenticated_at")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return row?.reauthenticated_at ?? null;
}

export async function markReauthenticated(
  db: Kysely<DB>,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ reauthenticated_at: now })
    .where("id", "=", sessionId)
    .execute();
}

/** The actor behind a session token, or null when it is unknown, expired or its user disabled. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  staffIdleMinutes: number,
): Promise<Actor | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.id as userId",
      "users.name",
      "users.email",
      "users.disabled_at",
    ])
    .where("sessions.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const memberships = await db
    .selectFrom("memberships")
    .select(["role", "scope_type", "scope_id"])
    .where("user_id", "=", row.userId)
    // A membership waiting for approval opens nothing: it never reaches the actor.
    .where("pending", "=", false)
    .orderBy("created_at")
    .execute();
  const idleUntil =
    row.last_seen_at.getTime() +
    idleLimitMs(
      memberships.map((m) => ({ role: m.role })),
      staffIdleMinutes,
    );
  if (
    row.disabled_at !== null ||
    now.getTime() >= row.expires_at.getTime() ||
    now.getTime() >= idleUntil
  ) {
    await db.deleteFrom("sessions").where("id", "=", row.sessionId).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: now })
      .where("id", "=", row.sessionId)
      .execute();
  }
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    sessionId: row.sessionId,
    memberships: memberships.map((m) => ({
      role: m.role,
      scopeType: m.scope_type,
      scopeId: m.scope_id,
    })),
  };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Ends every session of a user but the one given (the one making the change):
 * after a password or a second factor changes, a thief's session must not
 * survive it. Answers how many ended.
 */
export async function deleteOtherSessionsOfUser(
  db: Kysely<DB>,
  userId: string,
  keepSessionId: string | undefined,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .$if(keepSessionId !== undefined, (q) => q.where("id", "<>", keepSessionId as string))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
