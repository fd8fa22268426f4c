import { type Kysely, sql } from "kysely";

/**
 * The target cohort (membership with history), pupils' pseudonyms for views
 * outside their school, and the saved axes of the matrix.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cohort_members (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolments (id),
      pupil_id uuid not null references pupils (id),
      joined_on date not null,
      left_on date,
      reason text,
      created_by uuid,
      created_at timestamptz not null,
      check (left_on is null or left_on >= joined_on)
    );
    -- A pupil is in a school's cohort at most once at a time.
    create unique index cohort_members_current on cohort_members (enrolment_id, pupil_id) where left_on is null;
    create index cohort_members_pupil on cohort_members (pupil_id);

    -- Pseudonyms: the school's short code and a number drawn at random, stable for
    -- the programme year and never derived from who the pupil is.
    create table pseudonyms (
      pupil_id uuid not null references pupils (id),
      programme_year_id uuid not null references programme_years (id),
      code text not null,
      created_at timestamptz not null,
      primary key (pupil_id, programme_year_id),
      unique (programme_year_id, code)
    );

    create table matrix_settings (
      scope_type text not null check (scope_type in ('school', 'cluster')),
      scope_id uuid not null,
      x_axis text not null,
      y_axis text not null,
      updated_by uuid,
      updated_at timestamptz not null,
      primary key (scope_type, scope_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table matrix_settings;
    drop table pseudonyms;
    drop table cohort_members;
  `.execute(db);
}
