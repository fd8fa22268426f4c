import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/store.ts";
import { HttpProblem } from "../../errors.ts";
import {
  isSealed,
  type Keyring,
  keyIdNeeded,
  open,
  seal,
  UnreadableSecret,
} from "../../secrets/keyring.ts";
import { allTotpSecrets, replaceTotpSecret } from "./store.ts";

/*
 * A TOTP seed is stored sealed under the server's secret key
 * (server/secrets/keyring.ts), bound to its person: a copy of the database
 * alone gives no one the codes. Seeds stored before sealing came in are sealed
 * at start-up (sealTotpSecretsAtRest), and so are seeds of a previous key.
 */

const contextOf = (userId: string) => `totp:${userId}`;

export function sealTotpSecret(keyring: Keyring, userId: string, secret: string): string {
  return seal(keyring, secret, contextOf(userId));
}

/** The server cannot open this person's seed: its key is missing or the value damaged. */
export class TotpSecretUnreadable extends HttpProblem {
  constructor(keyId: string | undefined, reason: UnreadableSecret["reason"]) {
    super(
      503,
      "Second factor unavailable",
      reason === "unknown_key"
        ? `This account's authenticator app was set up under another server secret key (key ${keyId}) than the one the server has now. An administrator must restore that key (CASCADE_SECRET_KEY, or secret.key in the data directory), or reset this person's second factor.`
        : "This account's stored authenticator secret cannot be read. An administrator can reset this person's second factor.",
    );
  }
}

/**
 * The seed behind a stored value. A value from before sealing (between an
 * upgrade and the start-up pass) is read as it is.
 */
export function openTotpSecret(keyring: Keyring, userId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  try {
    return open(keyring, stored, contextOf(userId));
  } catch (error) {
    if (error instanceof UnreadableSecret)
      throw new TotpSecretUnreadable(error.keyId, error.reason);
    throw error;
  }
}

export interface SealingReport {
  /** Plain seeds sealed now. */
  sealed: number;
  /** Seeds of a previous key sealed again under the current one. */
  resealed: number;
  /** Seeds under a key the server does not have (those people cannot pass the factor). */
  unreadable: number;
}

/**
 * Seals every plain seed, and re-seals those of a previous key under the
 * current one; counts those it cannot open. Run at start-up: idempotent, and
 * cheap (one row per person with a factor). Writes one audit row when it changed any.
 */
export async function sealTotpSecretsAtRest(
  db: Kysely<DB>,
  keyring: Keyring,
  now: Date,
): Promise<SealingReport> {
  const report: SealingReport = { sealed: 0, resealed: 0, unreadable: 0 };
  for (const row of await allTotpSecrets(db)) {
    const keyId = keyIdNeeded(row.secret);
    if (keyId === keyring.currentId) continue;
    if (keyId !== undefined && !keyring.keys.has(keyId)) {
      report.unreadable++;
      continue;
    }
    let plain: string;
    try {
      plain = keyId === undefined ? row.secret : open(keyring, row.secret, contextOf(row.userId));
    } catch {
      report.unreadable++;
      continue;
    }
    // Only if the row still holds what was read: a concurrent change wins.
    if (
      await replaceTotpSecret(
        db,
        row.userId,
        row.secret,
        sealTotpSecret(keyring, row.userId, plain),
      )
    ) {
      if (keyId === undefined) report.sealed++;
      else report.resealed++;
    }
  }
  if (report.sealed + report.resealed > 0) {
    await recordAudit(db, now, {
      action: "mfa.totp_secrets_sealed",
      actorUserId: null,
      targetType: "user_totp",
      details: { sealed: report.sealed, resealed: report.resealed, keyId: keyring.currentId },
    });
  }
  return report;
}
