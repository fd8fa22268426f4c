import { type Kysely, sql } from "kysely";

/**
 * The outbox records what kind of message each one is and whom it is for, so an
 * administrator can see the state of delivery without reading what was written:
 * reminders quote titles typed inside a school.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox add column kind text not null default 'other';
    alter table outbox add column user_id uuid references users (id);
    update outbox set kind = case
      when subject like 'Next week: %' then 'workshop-week'
      when subject like 'Overdue: %' then 'action-overdue'
      else 'other' end;
    update outbox set user_id = users.id from users where users.email = outbox.to_email;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox drop column user_id;
    alter table outbox drop column kind;
  `.execute(db);
}
