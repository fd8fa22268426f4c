import { type Kysely, sql } from "kysely";

/**
 * "What next" for the school impact report (issue 17): the team's own text,
 * one per enrolment (a school in a programme year), written by its leaders and
 * shown only inside the school. It goes with its enrolment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table impact_what_next (
      enrolment_id uuid primary key references enrolments (id) on delete cascade,
      body text not null check (length(body) <= 5000),
      updated_by uuid references users (id) on delete set null,
      updated_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table impact_what_next;`.execute(db);
}
