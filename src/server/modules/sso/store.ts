import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { hashToken } from "../../access/sessions.ts";
import { NotFound } from "../../errors.ts";

/*
 * All of single sign-on's SQL: the providers (their client secret only ever
 * sealed), people's identities at them, and the sign-ins in flight.
 */

/** A sign-in started at a provider must come back within ten minutes. */
export const SSO_LOGIN_LIFETIME_MS = 10 * 60 * 1000;

const providerColumns = [
  "id",
  "display_name",
  "issuer",
  "client_id",
  "client_secret_sealed",
  "allowed_domains",
  "enabled",
  "created_at",
  "updated_at",
] as const;

export type ProviderRow = Awaited<ReturnType<typeof listProviders>>[number];

export async function listProviders(db: Kysely<DB>) {
  return db
    .selectFrom("sso_providers")
    .select(providerColumns)
    .orderBy("display_name")
    .orderBy("created_at")
    .execute();
}

/** The enabled providers, for the sign-in page. */
export async function listEnabledProviders(db: Kysely<DB>) {
  return db
    .selectFrom("sso_providers")
    .select(["id", "display_name"])
    .where("enabled", "=", true)
    .orderBy("display_name")
    .execute();
}

export async function findProvider(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("sso_providers")
    .select(providerColumns)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A provider for an administrator's change; 404 when there is none. */
export async function loadProvider(db: Kysely<DB>, id: string): Promise<ProviderRow> {
  const row = await findProvider(db, id);
  if (!row) throw new NotFound("No such single sign-on provider.");
  return row;
}

export async function issuerAndClientTaken(
  db: Kysely<DB>,
  issuer: string,
  clientId: string,
  exceptId?: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("sso_providers")
    .select("id")
    .where("issuer", "=", issuer)
    .where("client_id", "=", clientId)
    .$if(exceptId !== undefined, (q) => q.where("id", "<>", exceptId as string))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertProvider(
  db: Kysely<DB>,
  input: {
    id: string;
    displayName: string;
    issuer: string;
    clientId: string;
    clientSecretSealed: string;
    allowedDomains: string[];
    enabled: boolean;
  },
  now: Date,
): Promise<ProviderRow> {
  return db
    .insertInto("sso_providers")
    .values({
      id: input.id,
      display_name: input.displayName,
      issuer: input.issuer,
      client_id: input.clientId,
      client_secret_sealed: input.clientSecretSealed,
      allowed_domains: JSON.stringify(input.allowedDomains),
      enabled: input.enabled,
      created_at: now,
      updated_at: now,
    })
    .returning(providerColumns)
    .executeTakeFirstOrThrow();
}

export async function updateProvider(
  db: Kysely<DB>,
  id: string,
  change: {
    displayName?: string;
    issuer?: string;
    clientId?: string;
    clientSecretSealed?: string;
    allowedDomains?: string[];
    enabled?: boolean;
  },
  now: Date,
): Promise<ProviderRow> {
  return db
    .updateTable("sso_providers")
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.issuer !== undefined ? { issuer: change.issuer } : {}),
      ...(change.clientId !== undefined ? { client_id: change.clientId } : {}),
      ...(change.clientSecretSealed !== undefined
        ? { client_secret_sealed: change.clientSecretSealed }
        : {}),
      ...(change.allowedDomains !== undefined
        ? { allowed_domains: JSON.stringify(change.allowedDomains) }
        : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .returning(providerColumns)
    .executeTakeFirstOrThrow();
}

/** Starts a sign-in: what the callback must find again, under digests of the state and cookie. */
export async function createSsoLogin(
  db: Kysely<DB>,
  input: {
    state: string;
    binding: string;
    providerId: string;
    nonce: string;
    codeVerifier: string;
    invitationId: string | null;
  },
  now: Date,
): Promise<void> {
  // Sign-ins nobody finished are cleared as new ones start.
  await db.deleteFrom("sso_logins").where("expires_at", "<=", now).execute();
  await db
    .insertInto("sso_logins")
    .values({
      state_hash: hashToken(input.state),
      binding_hash: hashToken(input.binding),
      provider_id: input.providerId,
      nonce: input.nonce,
      code_verifier: input.codeVerifier,
      invitation_id: input.invitationId,
      created_at: now,
      expires_at: new Date(now.getTime() + SSO_LOGIN_LIFETIME_MS),
    })
    .execute();
}

/**
 * Uses up the sign-in this state and this browser's cookie started, once:
 * undefined when either is wrong, it was used already, or it has expired.
 */
export async function takeSsoLogin(db: Kysely<DB>, state: string, binding: string, now: Date) {
  return db
    .updateTable("sso_logins")
    .set({ used_at: now })
    .where("state_hash", "=", hashToken(state))
    .where("binding_hash", "=", hashToken(binding))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["id", "provider_id", "nonce", "code_verifier", "invitation_id"])
    .executeTakeFirst();
}

/** The account bound to this subject at this provider. */
export async function identityBySubject(db: Kysely<DB>, providerId: string, subject: string) {
  return db
    .selectFrom("sso_identities")
    .select(["id", "user_id as userId"])
    .where("provider_id", "=", providerId)
    .where("subject", "=", subject)
    .executeTakeFirst();
}

/** Whether this account already has a subject bound at this provider. */
export async function hasIdentityAt(
  db: Kysely<DB>,
  providerId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("sso_identities")
    .select("id")
    .where("provider_id", "=", providerId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function bindIdentity(
  db: Kysely<DB>,
  input: { userId: string; providerId: string; subject: string },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("sso_identities")
    .values({
      user_id: input.userId,
      provider_id: input.providerId,
      subject: input.subject,
      created_at: now,
      last_used_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function touchIdentity(db: Kysely<DB>, id: string, now: Date): Promise<void> {
  await db.updateTable("sso_identities").set({ last_used_at: now }).where("id", "=", id).execute();
}

/** The account a sign-in may be for, with what the rules read. */
export async function accountForSignIn(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}
