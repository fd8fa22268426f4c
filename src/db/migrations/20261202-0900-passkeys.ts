import { type Kysely, sql } from "kysely";

/**
 * Passkeys (WebAuthn, issue #14): each person's registered credentials, with
 * the public key, the signature counter last seen, the transports the browser
 * reported and the name the person gave it; and the challenges of the
 * ceremonies, kept server-side, single use and short-lived, each bound to what
 * started it: a session (registering, or passing the factor in a session), the
 * password step's challenge (the second step of a sign-in), or a cookie of its
 * own (signing in without a password).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table passkeys (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      credential_id text not null unique,
      public_key bytea not null,
      counter bigint not null default 0,
      transports text not null default '',
      name text not null,
      created_at timestamptz not null,
      last_used_at timestamptz
    );
    create index passkeys_user on passkeys (user_id);

    create table passkey_challenges (
      id uuid primary key default gen_random_uuid(),
      challenge text not null unique,
      purpose text not null check (purpose in ('register', 'step_up', 'second_factor', 'sign_in')),
      user_id uuid references users (id) on delete cascade,
      session_id uuid references sessions (id) on delete cascade,
      second_factor_challenge_id uuid references second_factor_challenges (id) on delete cascade,
      token_hash text,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      check (num_nonnulls(session_id, second_factor_challenge_id, token_hash) = 1)
    );
    create index passkey_challenges_expiry on passkey_challenges (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table passkey_challenges;
    drop table passkeys;
  `.execute(db);
}
