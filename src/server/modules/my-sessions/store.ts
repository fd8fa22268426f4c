import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { describeDevice } from "../../../domain/device.ts";
import type { SignInMethod } from "../../../domain/sign-in-method.ts";

export interface SessionRow {
  id: string;
  userId: string;
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  method: SignInMethod;
}

/**
 * A person's sessions still in force: not past their absolute expiry and used
 * within their idle limit. Most recently used first.
 */
export async function activeSessionsOfUser(
  db: Kysely<DB>,
  userId: string,
  now: Date,
  idleMs: number,
): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "user_agent", "ip", "created_at", "last_seen_at", "method"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", new Date(now.getTime() - idleMs))
    .orderBy("last_seen_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    device: describeDevice(r.user_agent),
    ip: r.ip,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    method: r.method,
  }));
}

/** One of the person's own sessions, or undefined: another person's session is not theirs to see. */
export async function ownSession(
  db: Kysely<DB>,
  userId: string,
  sessionId: string,
): Promise<{ id: string; userId: string } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select(["id", "user_id"])
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id } : undefined;
}
