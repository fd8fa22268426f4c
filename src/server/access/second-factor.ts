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
    .select([
      "sessions.method",
      "user_totp.user_id as factorUser",
      "security_settings.second_factor_required",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    method: row.method,
    hasFactor: row.factorUser !== null,
    policyOn: row.second_factor_required ?? true,
  };
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
