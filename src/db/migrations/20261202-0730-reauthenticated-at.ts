import { type Kysely, sql } from "kysely";

/**
 * When the person behind each session last proved who they are (a password
 * sign-in, or the password or a code asked for again), so a sensitive change
 * within a few minutes of it need not ask again (domain/reauth-window.ts).
 * Null for sessions begun otherwise, and for those from before this column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column reauthenticated_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions drop column reauthenticated_at`.execute(db);
}
