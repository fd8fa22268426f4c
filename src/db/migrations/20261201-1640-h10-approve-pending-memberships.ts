import { type Kysely, sql } from "kysely";

/**
 * A school role granted at a network administrator's hand waits for a second
 * person's approval before it opens anything. `pending` marks such a membership;
 * `granted_by` is who made it (they may not approve it themselves). An invitation
 * remembers whether the membership it makes must wait.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table memberships add column pending boolean not null default false;
    alter table memberships add column granted_by uuid references users (id) on delete set null;
    alter table invitations add column needs_approval boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invitations drop column needs_approval;
    alter table memberships drop column granted_by;
    alter table memberships drop column pending;
  `.execute(db);
}
