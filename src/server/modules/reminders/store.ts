import type { Kysely, Selectable } from "kysely";
import { OUTBOX_KINDS, type OutboxItem } from "../../../contracts/outbox.ts";
import type { DB, OutboxTable } from "../../../db/schema.ts";
import { reminderPolicy } from "./policy.ts";

export const OUTBOX_LIMIT = 200;

/** The newest messages in the outbox. */
export async function newestOutbox(db: Kysely<DB>): Promise<Selectable<OutboxTable>[]> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(OUTBOX_LIMIT)
    .execute();
}

const kindOf = (kind: string): OutboxItem["kind"] =>
  (OUTBOX_KINDS as readonly string[]).includes(kind) ? (kind as OutboxItem["kind"]) : "other";

/**
 * An outbox row as the reader may see it: who it is for, what kind, when and whether it
 * failed, for anyone allowed the outbox; its words only for the person it is addressed to.
 */
export function presentOutboxItem(
  row: Selectable<OutboxTable>,
  reader: { userId: string },
): OutboxItem {
  const addressedToYou = reminderPolicy.openMessage(reader, row);
  return {
    id: row.id,
    to: row.to_email,
    kind: kindOf(row.kind),
    createdAt: row.created_at.toISOString(),
    state: row.error === null ? "kept" : "failed",
    error: row.error,
    addressedToYou,
    subject: addressedToYou ? row.subject : null,
    body: addressedToYou ? row.body : null,
  };
}
