import { type Kysely, sql } from "kysely";

/**
 * The pupil premium strategy statement (issue 17): what a school's team
 * enters for each academic year (dates, leads, funding, intent, challenges,
 * outcomes, which strategies go in which activity table, the Part B text),
 * and when a leader marked it as published. Everything else in the statement
 * is computed when it is drafted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pp_statements (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      academic_year text not null check (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      entered jsonb not null,
      published_at timestamptz,
      updated_at timestamptz not null,
      updated_by uuid references users (id),
      unique (school_id, academic_year)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pp_statements;`.execute(db);
}
