import { type Kysely, sql } from "kysely";

/**
 * Sign-in throttling counted in one row per key (an account, an address, or
 * the pair of both), so one statement can count a guess and check the limit
 * atomically; the old per-failure rows could not be counted that way. And the
 * one-time sign-in links that let an account's owner in while the account is
 * under attack.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table sign_in_failures;

    create table sign_in_throttle (
      key text primary key,
      window_started_at timestamptz not null,
      attempts integer not null
    );
    create index sign_in_throttle_window on sign_in_throttle (window_started_at);

    create table sign_in_links (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index sign_in_links_user on sign_in_links (user_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table sign_in_links;
    drop table sign_in_throttle;
    create table sign_in_failures (
      id bigint generated always as identity primary key,
      email_key text not null,
      ip text not null,
      occurred_at timestamptz not null
    );
    create index sign_in_failures_email on sign_in_failures (email_key, occurred_at);
    create index sign_in_failures_ip on sign_in_failures (ip, occurred_at);
  `.execute(db);
}
