import { type Kysely, sql } from "kysely";

/**
 * A second factor (issue #14): each person's TOTP secret and the last time step
 * they used (so a code works once), their recovery codes (only digests), the
 * short-lived challenge between a right password and the second step, and the
 * network's security settings, whose one row says whether the second factor is
 * required for the roles that can see named pupil data.
 *
 * The policy starts on for a fresh install (no users yet) and off for an install
 * that already has people: switching it on under them would send every teacher
 * to enrolment on their next sign-in, unannounced. An administrator turns it on
 * from the security settings when staff have been told.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table user_totp (
      user_id uuid primary key references users (id) on delete cascade,
      secret text not null,
      created_at timestamptz not null,
      confirmed_at timestamptz,
      last_used_step bigint
    );

    create table recovery_codes (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      code_hash text not null unique,
      created_at timestamptz not null,
      used_at timestamptz
    );
    create index recovery_codes_user on recovery_codes (user_id);

    create table second_factor_challenges (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      keep_signed_in boolean not null default false
    );
    create index second_factor_challenges_user on second_factor_challenges (user_id);

    create table security_settings (
      id boolean primary key default true check (id),
      second_factor_required boolean not null,
      updated_at timestamptz not null default now(),
      updated_by uuid references users (id) on delete set null
    );
    insert into security_settings (second_factor_required)
      select not exists (select 1 from users);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table security_settings;
    drop table second_factor_challenges;
    drop table recovery_codes;
    drop table user_totp;
  `.execute(db);
}
