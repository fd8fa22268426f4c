import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { hashToken } from "../../access/sessions.ts";

/*
 * All of the passkeys' SQL: the registered credentials and the challenges of
 * the ceremonies (registering, and each way of using a passkey).
 */

export const PASSKEY_CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

export type PasskeyPurpose = "register" | "step_up" | "second_factor" | "sign_in";

/** What a challenge is bound to: exactly one of a session, a password step, a pre-sign-in cookie. */
export type ChallengeBinding =
  | { sessionId: string }
  | { secondFactorChallengeId: string }
  | { token: string };

export interface PasskeyRow {
  id: string;
  userId: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

type Raw = {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: Uint8Array;
  counter: string | number;
  transports: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
};

const COLUMNS = [
  "passkeys.id",
  "passkeys.user_id",
  "passkeys.credential_id",
  "passkeys.public_key",
  "passkeys.counter",
  "passkeys.transports",
  "passkeys.name",
  "passkeys.created_at",
  "passkeys.last_used_at",
] as const;

function present(row: Raw): PasskeyRow {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(row.public_key),
    counter: Number(row.counter),
    transports: row.transports === "" ? [] : row.transports.split(","),
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** A person's own passkeys, oldest first. */
export async function passkeysOf(db: Kysely<DB>, userId: string): Promise<PasskeyRow[]> {
  const rows = await db
    .selectFrom("passkeys")
    .select(COLUMNS)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(present);
}

/** One of the person's own passkeys; undefined when it is not theirs or not there (a 404). */
export async function ownPasskey(
  db: Kysely<DB>,
  userId: string,
  passkeyId: string,
): Promise<PasskeyRow | undefined> {
  const row = await db
    .selectFrom("passkeys")
    .select(COLUMNS)
    .where("id", "=", passkeyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? present(row) : undefined;
}

/** The passkey behind a credential id, with whether its account is disabled. */
export async function passkeyByCredentialId(
  db: Kysely<DB>,
  credentialId: string,
): Promise<(PasskeyRow & { disabledAt: Date | null }) | undefined> {
  const row = await db
    .selectFrom("passkeys")
    .innerJoin("users", "users.id", "passkeys.user_id")
    .select([...COLUMNS, "users.disabled_at"])
    .where("passkeys.credential_id", "=", credentialId)
    .executeTakeFirst();
  return row ? { ...present(row), disabledAt: row.disabled_at } : undefined;
}

/** Saves a new passkey; undefined when its credential is registered already (to anyone). */
export async function insertPasskey(
  db: Kysely<DB>,
  input: {
    userId: string;
    credentialId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    name: string;
    now: Date;
  },
): Promise<PasskeyRow | undefined> {
  const row = await db
    .insertInto("passkeys")
    .values({
      user_id: input.userId,
      credential_id: input.credentialId,
      public_key: input.publicKey,
      counter: input.counter,
      transports: input.transports.join(","),
      name: input.name,
      created_at: input.now,
    })
    .onConflict((oc) => oc.column("credential_id").doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? present(row) : undefined;
}

/**
 * Records a use: the new counter and the time, only if the counter stored is
 * still the one the assertion was judged against (one statement, so two
 * assertions racing with the same counter cannot both win).
 */
export async function recordPasskeyUse(
  db: Kysely<DB>,
  passkeyId: string,
  judgedAgainst: number,
  newCounter: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("passkeys")
    .set({ counter: newCounter, last_used_at: now })
    .where("id", "=", passkeyId)
    .where("counter", "=", judgedAgainst)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function removePasskey(
  db: Kysely<DB>,
  userId: string,
  passkeyId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("passkeys")
    .where("id", "=", passkeyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Every passkey of a person, and their unfinished ceremonies (an administrator's reset); answers how many passkeys went. */
export async function removeAllPasskeys(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom("passkeys").where("user_id", "=", userId).executeTakeFirst();
  await db.deleteFrom("passkey_challenges").where("user_id", "=", userId).execute();
  return Number(result.numDeletedRows);
}

function bindingColumns(binding: ChallengeBinding) {
  return {
    session_id: "sessionId" in binding ? binding.sessionId : null,
    second_factor_challenge_id:
      "secondFactorChallengeId" in binding ? binding.secondFactorChallengeId : null,
    token_hash: "token" in binding ? hashToken(binding.token) : null,
  };
}

/**
 * A new challenge for one ceremony, bound to what started it. Earlier unused
 * challenges of the same purpose and binding go (one at a time), and so do
 * challenges a day past their end.
 */
export async function createPasskeyChallenge(
  db: Kysely<DB>,
  input: { purpose: PasskeyPurpose; userId: string | null; binding: ChallengeBinding; now: Date },
): Promise<string> {
  const challenge = randomBytes(32).toString("base64url");
  const columns = bindingColumns(input.binding);
  await db
    .deleteFrom("passkey_challenges")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("purpose", "=", input.purpose),
          columns.session_id === null
            ? columns.second_factor_challenge_id === null
              ? eb("token_hash", "=", columns.token_hash ?? "")
              : eb("second_factor_challenge_id", "=", columns.second_factor_challenge_id)
            : eb("session_id", "=", columns.session_id),
        ]),
        eb("expires_at", "<", new Date(input.now.getTime() - 86_400_000)),
      ]),
    )
    .execute();
  await db
    .insertInto("passkey_challenges")
    .values({
      challenge,
      purpose: input.purpose,
      user_id: input.userId,
      ...columns,
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + PASSKEY_CHALLENGE_LIFETIME_MS),
    })
    .execute();
  return challenge;
}

/**
 * Uses up the live challenge with this value, purpose and binding, in one
 * statement: whatever the answer turns out to be, the challenge is spent, and
 * of two requests racing with it only one gets it. Undefined when there is no
 * such challenge (unknown, expired, used, or bound to something else).
 */
export async function spendPasskeyChallenge(
  db: Kysely<DB>,
  input: { challenge: string; purpose: PasskeyPurpose; binding: ChallengeBinding; now: Date },
): Promise<{ challenge: string; userId: string | null } | undefined> {
  const columns = bindingColumns(input.binding);
  const row = await db
    .updateTable("passkey_challenges")
    .set({ used_at: input.now })
    .where("challenge", "=", input.challenge)
    .where("purpose", "=", input.purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .where((eb) =>
      columns.session_id !== null
        ? eb("session_id", "=", columns.session_id)
        : columns.second_factor_challenge_id !== null
          ? eb("second_factor_challenge_id", "=", columns.second_factor_challenge_id)
          : eb("token_hash", "=", columns.token_hash ?? ""),
    )
    .returning(["challenge", "user_id"])
    .executeTakeFirst();
  return row ? { challenge: row.challenge, userId: row.user_id } : undefined;
}

export async function countPasskeys(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("passkeys")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
