import { type Kysely, sql } from "kysely";

/**
 * Running the programme year: workshops with their materials, tasks and
 * registers; the team's actions between workshops; school visits; reminders
 * (with an outbox when there is no mail server); calendar feeds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table workshops (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      plan_workshop_id uuid references programme_workshops (id),
      title text not null,
      focus text not null default '',
      theme_id uuid references programme_themes (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      venue text not null default '',
      online_link text not null default '',
      summary text,
      summary_by uuid references users (id),
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_at > starts_at)
    );
    create index workshops_cluster on workshops (cluster_id, starts_at);

    create table workshop_materials (
      id uuid primary key default gen_random_uuid(),
      workshop_id uuid not null references workshops (id) on delete cascade,
      title text not null,
      url text,
      file_name text,
      content_type text,
      size_bytes int,
      content bytea,
      created_by uuid references users (id),
      created_at timestamptz not null,
      check ((url is null) <> (content is null))
    );

    create table workshop_tasks (
      id uuid primary key default gen_random_uuid(),
      workshop_id uuid not null references workshops (id) on delete cascade,
      kind text not null check (kind in ('pre_work', 'follow_up')),
      title text not null,
      description text not null default '',
      due_on date,
      position int not null default 0
    );

    create table workshop_attendance (
      workshop_id uuid not null references workshops (id) on delete cascade,
      user_id uuid not null references users (id),
      enrolment_id uuid not null references enrolments (id),
      status text not null check (status in ('present', 'absent', 'apologies')),
      recorded_by uuid references users (id),
      recorded_at timestamptz not null,
      primary key (workshop_id, user_id)
    );

    create table school_visits (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolments (id),
      visit_on date not null,
      strengths text not null default '',
      challenges text not null default '',
      questions text not null default '',
      leader_response text,
      response_by uuid references users (id),
      response_at timestamptz,
      booked_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index school_visits_enrolment on school_visits (enrolment_id, visit_on);

    create table actions (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolments (id),
      title text not null,
      notes text not null default '',
      owner_user_id uuid references users (id),
      due_on date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'done')),
      workshop_task_id uuid references workshop_tasks (id) on delete set null,
      visit_id uuid references school_visits (id),
      strategy_id uuid references strategies (id),
      pupil_group text,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz
    );
    create index actions_enrolment on actions (enrolment_id, due_on);

    alter table users
      add column reminders_enabled boolean not null default true,
      add column calendar_token_hash text unique;

    -- Mail Cascade would have sent when no mail server is configured, for administrators to read.
    create table outbox (
      id uuid primary key default gen_random_uuid(),
      to_email text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      error text
    );

    -- One reminder per thing per person, however many app servers run the job.
    create table reminders_sent (
      kind text not null,
      ref_id uuid not null,
      user_id uuid not null references users (id),
      sent_at timestamptz not null,
      primary key (kind, ref_id, user_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table reminders_sent;
    drop table outbox;
    alter table users drop column reminders_enabled, drop column calendar_token_hash;
    drop table actions;
    drop table school_visits;
    drop table workshop_attendance;
    drop table workshop_tasks;
    drop table workshop_materials;
    drop table workshops;
  `.execute(db);
}
