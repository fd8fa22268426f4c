import { AsyncLocalStorage } from "node:async_hooks";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

export interface AuditEvent {
  action: string;
  actorUserId: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  /** The client's User-Agent; taken from the request being served when left out. */
  userAgent?: string | null;
  /** Ids and counts only: never names, emails of pupils, or anything a pupil could be known by. */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/** Longest user agent kept; the chaining trigger cuts to the same length. */
export const USER_AGENT_MAX = 512;

interface RequestClient {
  ip: string;
  userAgent: string | null;
}

/**
 * The client of the request being served, so every audit row written while
 * serving it names its user agent without each call site passing it along.
 */
export const requestClient = new AsyncLocalStorage<RequestClient>();

/** Writes one audit row. Pass the request's transaction so the row commits with the change. */
export async function recordAudit(db: Kysely<DB>, at: Date, event: AuditEvent): Promise<void> {
  const client = requestClient.getStore();
  const userAgent = event.userAgent !== undefined ? event.userAgent : (client?.userAgent ?? null);
  await db
    .insertInto("audit_events")
    .values({
      occurred_at: at,
      actor_user_id: event.actorUserId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? client?.ip ?? null,
      user_agent: userAgent === null ? null : userAgent.slice(0, USER_AGENT_MAX),
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
