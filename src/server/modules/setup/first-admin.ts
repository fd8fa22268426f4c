import type { Kysely } from "kysely";
import type { SetupBody } from "../../../contracts/auth.ts";
import type { DB } from "../../../db/schema.ts";
import { createSession } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import { Conflict } from "../../errors.ts";
import { assertAcceptablePassword, hashPassword } from "../auth/passwords.ts";
import { loadDemoNetwork } from "../demo/load-demo.ts";
import { setSecondFactorRequired } from "../mfa/store.ts";
import { addMembership, insertUser } from "../users/store.ts";
import { setupPolicy } from "./policy.ts";
import { lockedSetupState } from "./store.ts";

/**
 * Creates the first network administrator, only while there are no users
 * (`setupPolicy.createFirstAdmin`). The table lock makes two simultaneous
 * setups queue: the second sees the first's user and is refused.
 */
export async function createFirstAdmin(
  trx: Kysely<DB>,
  input: SetupBody,
  now: Date,
  ip: string | null,
): Promise<string> {
  assertAcceptablePassword(input.password, [input.email, input.name]);
  const passwordHash = await hashPassword(input.password);
  if (!setupPolicy.createFirstAdmin(null, await lockedSetupState(trx))) {
    throw new Conflict(
      "Cascade is already set up. Sign in, or ask an administrator for an invitation.",
    );
  }
  const userId = await insertUser(trx, {
    email: input.email,
    name: input.name,
    passwordHash,
    createdAt: now,
  });
  await addMembership(trx, { userId, role: "network_admin", scopeType: "network", scopeId: null });
  if (input.requireSecondFactor !== undefined) {
    await setSecondFactorRequired(trx, input.requireSecondFactor, userId, now);
  }
  await recordAudit(trx, now, {
    action: "setup.first_admin_created",
    actorUserId: userId,
    targetType: "user",
    targetId: userId,
    ip,
  });
  return userId;
}

/** Creates the first administrator and signs them in, in one transaction. */
export async function setUpFirstAdmin(
  db: Kysely<DB>,
  body: SetupBody,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ userId: string; session: { token: string; expiresAt: Date } }> {
  return db.transaction().execute(async (trx) => {
    const userId = await createFirstAdmin(trx, body, now, client.ip);
    return { userId, session: await createSession(trx, userId, now, client, "setup") };
  });
}

/** Loads the demo network in one transaction. */
export async function loadDemo(db: Kysely<DB>, now: Date, password: string) {
  return db.transaction().execute((trx) => loadDemoNetwork(trx, { now, password }));
}
