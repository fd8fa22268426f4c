import { type Kysely, sql } from "kysely";

/**
 * Strategies a team trials: their participants, plan–do–study–act reviews,
 * cascade decisions, and the aggregate results a school shares with the network.
 * The EEF Toolkit strands they draw on are reference data, editable by administrators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table eef_strands (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      name text not null,
      months int not null check (months between -12 and 12),
      cost int not null check (cost between 1 and 5),
      evidence int not null check (evidence between 0 and 5),
      source text not null,
      taken_on date not null,
      note text not null default '',
      updated_by uuid,
      updated_at timestamptz not null
    );

    create table strategies (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      programme_year_id uuid references programme_years (id),
      title text not null,
      description text not null default '',
      theme_id uuid references programme_themes (id),
      eef_strand_id uuid references eef_strands (id),
      evidence_references text not null default '',
      owner_user_id uuid references users (id),
      starts_on date,
      ends_on date,
      sessions_per_week numeric check (sessions_per_week >= 0),
      minutes_per_session int check (minutes_per_session >= 0),
      cost_pounds numeric check (cost_pounds >= 0),
      staff_hours numeric check (staff_hours >= 0),
      success_measure_id uuid references measures (id),
      success_change numeric,
      status text not null default 'planned'
        check (status in ('planned', 'trialling', 'reviewing', 'scaled_up', 'adapted', 'stopped')),
      cascade_stage text not null default 'target_cohort'
        check (cascade_stage in ('target_cohort', 'year_group', 'whole_school')),
      version int not null default 1,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_on is null or starts_on is null or ends_on >= starts_on)
    );
    create index strategies_school on strategies (school_id);

    create table strategy_participants (
      strategy_id uuid not null references strategies (id) on delete cascade,
      pupil_id uuid not null references pupils (id),
      added_on date not null,
      primary key (strategy_id, pupil_id)
    );
    create index strategy_participants_pupil on strategy_participants (pupil_id);

    create table strategy_reviews (
      id uuid primary key default gen_random_uuid(),
      strategy_id uuid not null references strategies (id) on delete cascade,
      reviewed_on date not null,
      done text not null,
      data_shows text not null,
      decision text not null,
      author_id uuid references users (id),
      created_at timestamptz not null
    );
    create index strategy_reviews_strategy on strategy_reviews (strategy_id, reviewed_on);

    create table strategy_stage_changes (
      id uuid primary key default gen_random_uuid(),
      strategy_id uuid not null references strategies (id) on delete cascade,
      from_stage text not null,
      to_stage text not null,
      evidence text not null,
      decided_by uuid references users (id),
      decided_at timestamptz not null
    );

    -- Only aggregates ever leave the school: group sizes, means, SDs, g and its interval.
    create table shared_results (
      id uuid primary key default gen_random_uuid(),
      strategy_id uuid not null unique references strategies (id) on delete cascade,
      school_id uuid not null references schools (id),
      strand_key text,
      theme_key text,
      title text not null,
      measure_name text not null,
      from_label text not null,
      to_label text not null,
      comparison text not null,
      n_t int not null,
      mean_before_t numeric,
      sd_before_t numeric,
      mean_after_t numeric,
      sd_after_t numeric,
      n_c int,
      mean_before_c numeric,
      sd_before_c numeric,
      mean_after_c numeric,
      sd_after_c numeric,
      g numeric not null,
      v numeric not null,
      ci_low numeric not null,
      ci_high numeric not null,
      months int not null,
      named boolean not null default false,
      shared_by uuid references users (id),
      shared_at timestamptz not null,
      withdrawn_at timestamptz
    );

    -- A school's stable pseudonym on the network evidence page, drawn at random.
    alter table schools add column evidence_label text unique;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table schools drop column evidence_label;
    drop table shared_results;
    drop table strategy_stage_changes;
    drop table strategy_reviews;
    drop table strategy_participants;
    drop table strategies;
    drop table eef_strands;
  `.execute(db);
}
