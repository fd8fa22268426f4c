import type { Kysely } from "kysely";
import type { OutboxKind } from "../../contracts/outbox.ts";
import type { DB } from "../../db/schema.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * Sends a message through the mail server, or, with none configured (or when
 * sending fails), keeps it in the outbox so it is not lost. Returns whether it
 * was sent.
 */
export async function sendOrKeep(
  deps: { db: Kysely<DB>; mailer: Mailer },
  message: MailMessage,
  now: Date,
  meta: { kind: OutboxKind; userId: string | null } = { kind: "other", userId: null },
): Promise<boolean> {
  let error: string | null = null;
  if (deps.mailer.configured) {
    try {
      await deps.mailer.send(message);
      return true;
    } catch (failure) {
      error = (failure as Error).message.slice(0, 500);
    }
  }
  await deps.db
    .insertInto("outbox")
    .values({
      to_email: message.to,
      user_id: meta.userId,
      kind: meta.kind,
      subject: message.subject,
      body: message.text,
      html: message.html ?? null,
      created_at: now,
      error,
    })
    .execute();
  return false;
}
