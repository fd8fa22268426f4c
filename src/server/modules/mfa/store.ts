import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { SignInMethod } from "../../../domain/sign-in-method.ts";
import { createSession, deleteSession, hashToken, newToken } from "../../access/sessions.ts";

/*
 * All of the second factor's SQL: the TOTP secret and its last used step,
 * recovery codes, sign-in challenges and the network's policy setting.
 */

export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

type Client = { ip: string | null; userAgent: string | null };

export interface TotpRow {
  /** As stored: sealed under the server's key (open it with secret-at-rest.ts). */
  secret: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

export async function totpOf(db: Kysely<DB>, userId: string): Promise<TotpRow | undefined> {
  const row = await db
    .selectFrom("user_totp")
    .select(["secret", "confirmed_at", "last_used_step"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    secret: row.secret,
    confirmedAt: row.confirmed_at,
    lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
  };
}

/** Whether the person has a confirmed TOTP factor. */
export async function hasConfirmedTotp(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new pending secret, replacing any earlier pending one (never a confirmed one). */
export async function savePendingTotp(
  db: Kysely<DB>,
  userId: string,
  secret: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto("user_totp")
    .values({ user_id: userId, secret, created_at: now, confirmed_at: null, last_used_step: null })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret, created_at: now, last_used_step: null })
        .where("user_totp.confirmed_at", "is", null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function confirmTotp(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("user_totp")
    .set({ confirmed_at: now })
    .where("user_id", "=", userId)
    .execute();
}

/**
 * Records `step` as the last one used, only if it is later than the one stored:
 * one statement, so two requests racing with the same code cannot both win.
 */
export async function claimStep(db: Kysely<DB>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable("user_totp")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every stored seed, for the start-up pass that seals them (secret-at-rest.ts). */
export async function allTotpSecrets(
  db: Kysely<DB>,
): Promise<{ userId: string; secret: string }[]> {
  const rows = await db.selectFrom("user_totp").select(["user_id", "secret"]).execute();
  return rows.map((r) => ({ userId: r.user_id, secret: r.secret }));
}

/** Swaps a stored seed for its sealed form, only if it is still the value read. */
export async function replaceTotpSecret(
  db: Kysely<DB>,
  userId: string,
  was: string,
  next: string,
): Promise<boolean> {
  const result = await db
    .updateTable("user_totp")
    .set({ secret: next })
    .where("user_id", "=", userId)
    .where("secret", "=", was)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function removeTotp(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom("user_totp").where("user_id", "=", userId).execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/**
 * An administrator's reset: the person's authenticator app (confirmed or
 * pending), every recovery code, and any sign-in half-way through its second
 * step go. Answers what there was.
 */
export async function clearTotpOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ totp: boolean; recoveryCodes: number }> {
  const totp = await db.deleteFrom("user_totp").where("user_id", "=", userId).executeTakeFirst();
  const codes = await db
    .deleteFrom("recovery_codes")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  await db.deleteFrom("second_factor_challenges").where("user_id", "=", userId).execute();
  return { totp: Number(totp.numDeletedRows) > 0, recoveryCodes: Number(codes.numDeletedRows) };
}

export async function replaceRecoveryCodes(
  db: Kysely<DB>,
  userId: string,
  hashes: string[],
  now: Date,
): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })))
    .execute();
}

/** Marks an unused recovery code of this person used; false when there is none such. */
export async function spendRecoveryCode(
  db: Kysely<DB>,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createChallenge(
  db: Kysely<DB>,
  userId: string,
  now: Date,
  keepSignedIn: boolean,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_LIFETIME_MS);
  // A person has one challenge at a time; old ones are of no use to anyone.
  await db
    .deleteFrom("second_factor_challenges")
    .where((eb) =>
      eb.or([
        eb("user_id", "=", userId),
        eb("expires_at", "<", new Date(now.getTime() - 86_400_000)),
      ]),
    )
    .execute();
  await db
    .insertInto("second_factor_challenges")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      keep_signed_in: keepSignedIn,
    })
    .execute();
  return { token, expiresAt };
}

export interface Challenge {
  id: string;
  userId: string;
  keepSignedIn: boolean;
  disabledAt: Date | null;
}

/** The live challenge behind a token (unused, unexpired), with its account. */
export async function liveChallenge(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<Challenge | undefined> {
  const row = await db
    .selectFrom("second_factor_challenges as c")
    .innerJoin("users", "users.id", "c.user_id")
    .select(["c.id", "c.user_id", "c.keep_signed_in", "users.disabled_at"])
    .where("c.token_hash", "=", hashToken(token))
    .where("c.used_at", "is", null)
    .where("c.expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    keepSignedIn: row.keep_signed_in,
    disabledAt: row.disabled_at,
  };
}

/** Uses the challenge up; false when another request used it first. */
export async function consumeChallenge(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("second_factor_challenges")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A new session for a person who has just passed a factor, ending the one the
 * browser came with: a new token at every authentication.
 */
export async function replaceSession(
  db: Kysely<DB>,
  userId: string,
  previousSessionId: string | undefined,
  now: Date,
  client: Client,
  method: SignInMethod,
): Promise<{ token: string; expiresAt: Date }> {
  if (previousSessionId) await deleteSession(db, previousSessionId);
  return createSession(db, userId, now, client, method);
}

/** The network's setting: whether the covered roles must have a second factor. */
export async function secondFactorRequired(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom("security_settings")
    .select("second_factor_required")
    .executeTakeFirst();
  // The migration writes the row; without it, the safe answer.
  return row?.second_factor_required ?? true;
}

export async function setSecondFactorRequired(
  db: Kysely<DB>,
  required: boolean,
  byUserId: string | null,
  now: Date,
): Promise<void> {
  await db
    .insertInto("security_settings")
    .values({ second_factor_required: required, updated_at: now, updated_by: byUserId })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ second_factor_required: required, updated_at: now, updated_by: byUserId }),
    )
    .execute();
}
