import { type Kysely, sql } from "kysely";

/** People, their memberships, sessions, invitations and the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text not null,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      constraint users_email_lowercase check (email = lower(email))
    );
    create unique index users_email_key on users (email);

    create table memberships (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in
        ('network_admin', 'programme_lead', 'school_leader', 'teacher', 'para_professional')),
      scope_type text not null check (scope_type in ('network', 'cluster', 'school')),
      scope_id uuid,
      created_at timestamptz not null default now(),
      constraint memberships_scope_shape check ((scope_type = 'network') = (scope_id is null))
    );
    create unique index memberships_unique on memberships (user_id, role, scope_type, scope_id)
      nulls not distinct;

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user_id on sessions (user_id);

    create table invitations (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      email text not null check (email = lower(email)),
      role text not null,
      scope_type text not null,
      scope_id uuid,
      invited_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references users (id) on delete set null,
      revoked_at timestamptz
    );
    create index invitations_email on invitations (email);

    create table sign_in_failures (
      id bigint generated always as identity primary key,
      email_key text not null,
      ip text not null,
      occurred_at timestamptz not null
    );
    create index sign_in_failures_email on sign_in_failures (email_key, occurred_at);
    create index sign_in_failures_ip on sign_in_failures (ip, occurred_at);

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null,
      actor_user_id uuid,
      action text not null,
      target_type text,
      target_id text,
      ip text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_events_occurred_at on audit_events (occurred_at);

    -- The audit log is append-only: nobody, not even the app, rewrites history.
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end;
    $$;
    create trigger audit_events_no_update before update or delete or truncate on audit_events
      for each statement execute function audit_events_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_events;
    drop function audit_events_append_only;
    drop table sign_in_failures;
    drop table invitations;
    drop table sessions;
    drop table memberships;
    drop table users;
  `.execute(db);
}
