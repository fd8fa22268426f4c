import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import {
  type SecondFactorStanding,
  secondFactorStanding,
} from "../../domain/second-factor-policy.ts";
import type { SignInMethod } from "../../domain/sign-in-method.ts";
import type { Actor } from "../context.ts";

/*
 * Where a session stands with the second factor, for the gate in
 * plugins/second-factor.ts and for the second factor's own status route.
 */

/** What the second-factor gate needs about a session, in one query. */
export async function sessionFactorFacts(
  db: Kysely<DB>,
  sessionId: string,
): Promise<{ method: SignInMethod; hasFactor: boolean; policyOn: boolean } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .leftJoin("user_totp", (join) =>
      join
        .onRef("user_totp.user_id", "=", "sessions.user_id")
        .on("user_totp.confirmed_at", "is not", null),
    )
    .leftJoin("security_settings", (join) => join.on("security_settings.id", "=", true))
    .select((eb) => [
      "sessions.method",
      "user_totp.user_id as factorUser",
      "security_settings.second_factor_required",
      eb
        .exists(
          eb
            .selectFrom("passkeys")
            .select("passkeys.id")
            .whereRef("passkeys.user_id", "=", "sessions.user_id"),
        )
        .as("hasPasskey"),
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    method: row.method,
    // A confirmed authenticator app, or a registered passkey.
    hasFactor: row.factorUser !== null || row.hasPasskey === true,
    policyOn: row.second_factor_required ?? true,
  };
}

export type FactorKind = "totp" | "passkey";

/** Which second factors a person has: a confirmed authenticator app, passkeys. */
export async function factorsOf(db: Kysely<DB>, userId: string): Promise<FactorKind[]> {
  const row = await db
    .selectFrom("users")
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom("user_totp")
            .select("user_totp.user_id")
            .whereRef("user_totp.user_id", "=", "users.id")
            .where("user_totp.confirmed_at", "is not", null),
        )
        .as("totp"),
      eb
        .exists(
          eb
            .selectFrom("passkeys")
            .select("passkeys.id")
            .whereRef("passkeys.user_id", "=", "users.id"),
        )
        .as("passkey"),
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  const kinds: FactorKind[] = [];
  if (row?.totp === true) kinds.push("totp");
  if (row?.passkey === true) kinds.push("passkey");
  return kinds;
}

export async function standingOf(db: Kysely<DB>, actor: Actor): Promise<SecondFactorStanding> {
  const facts = await sessionFactorFacts(db, actor.sessionId);
  if (!facts) return "ok";
  return secondFactorStanding({
    policyOn: facts.policyOn,
    roles: actor.memberships.map((m) => m.role),
    hasFactor: facts.hasFactor,
    sessionMethod: facts.method,
  });
}
