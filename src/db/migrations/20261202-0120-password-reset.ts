import { type Kysely, sql } from "kysely";

/**
 * One-time password-reset tokens (only a digest is kept; each works once,
 * within 30 minutes), and the devices each person has signed in from, so a
 * sign-in from one never seen before can be told to its owner by email.
 *
 * A known device is a digest of the pair (readable device name, address): the
 * table holds neither a raw user agent nor anything a person typed. Sessions
 * cannot serve for this (they end at sign-out and after an idle hour), and the
 * audit log keeps no user agent and is not a lookup table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index password_resets_user on password_resets (user_id, created_at);

    create table known_devices (
      user_id uuid not null references users (id) on delete cascade,
      device_key text not null,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      primary key (user_id, device_key)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table known_devices;
    drop table password_resets;
  `.execute(db);
}
