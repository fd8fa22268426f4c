import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor, AppDeps } from "../context.ts";
import { type AuditEvent, recordAudit, requestClient } from "./store.ts";

/** What a change's audit row says; who, when and from where are filled in. */
export type ChangeRecord = Omit<AuditEvent, "actorUserId" | "ip" | "userAgent">;

/**
 * Runs one change in one transaction and writes its audit rows in that same
 * transaction, with the actor, the time and the client's address filled in, so
 * a change and its record commit or fail together.
 *
 *   const plan = await auditedChange(deps, actor, (trx, now) => insertPlan(trx, now, input),
 *     (plan) => ({ action: "strategy.created", targetType: "strategy", targetId: plan.id }));
 */
export async function auditedChange<T>(
  deps: Pick<AppDeps, "db" | "clock">,
  actor: Actor,
  work: (trx: Kysely<DB>, now: Date) => Promise<T>,
  record: (result: T) => ChangeRecord | readonly ChangeRecord[],
): Promise<T> {
  const now = deps.clock.now();
  const ip = requestClient.getStore()?.ip ?? null;
  return deps.db.transaction().execute(async (trx) => {
    const result = await work(trx, now);
    const records = record(result);
    for (const r of Array.isArray(records) ? records : [records]) {
      await recordAudit(trx, now, { ...(r as ChangeRecord), actorUserId: actor.userId, ip });
    }
    return result;
  });
}
