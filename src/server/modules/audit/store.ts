import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";

export interface AuditEvent {
  action: string;
  actorUserId: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  /** Ids and counts only: never names, emails of pupils, or anything a pupil could be known by. */
  details?: Record<string, string | number | boolean | null>;
}

/** Writes one audit row. Pass the request's transaction so the row commits with the change. */
export async function recordAudit(db: Kysely<DB>, at: Date, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      occurred_at: at,
      actor_user_id: event.actorUserId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
