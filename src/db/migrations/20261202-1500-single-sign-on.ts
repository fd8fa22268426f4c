import { type Kysely, sql } from "kysely";

/**
 * Single sign-on with OpenID Connect (issue #14): the providers an
 * administrator configures (the client secret sealed with the server's
 * keyring, never stored in the clear), each person's identity at a provider
 * (the provider's subject, bound once), and the sign-ins in flight: state,
 * nonce and PKCE verifier kept server-side, short-lived and single use, bound
 * to the browser that started them by a cookie of their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sso_providers (
      id uuid primary key default gen_random_uuid(),
      display_name text not null,
      issuer text not null,
      client_id text not null,
      client_secret_sealed text not null,
      allowed_domains jsonb not null default '[]'::jsonb,
      enabled boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (issuer, client_id)
    );

    create table sso_identities (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      provider_id uuid not null references sso_providers (id) on delete cascade,
      subject text not null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      unique (provider_id, subject),
      unique (provider_id, user_id)
    );
    create index sso_identities_user on sso_identities (user_id);

    create table sso_logins (
      id uuid primary key default gen_random_uuid(),
      state_hash text not null unique,
      binding_hash text not null,
      provider_id uuid not null references sso_providers (id) on delete cascade,
      nonce text not null,
      code_verifier text not null,
      invitation_id uuid references invitations (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index sso_logins_expiry on sso_logins (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table sso_logins;
    drop table sso_identities;
    drop table sso_providers;
  `.execute(db);
}
