import { type Kysely, sql } from "kysely";

/**
 * A pupil-list import may mark the pupils on roll that its file leaves out as
 * left (when the leader asks). The import remembers how many, for its history;
 * what each one was before is in import_changes, for undo.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports add column marked_left integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports drop column marked_left`.execute(db);
}
