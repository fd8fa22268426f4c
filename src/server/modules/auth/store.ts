import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { createSession, deleteSession } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import { redeemSignInLink } from "./sign-in-links.ts";

type Client = { ip: string | null; userAgent: string | null };

/**
 * Signs a user in with their password: a new session (ending any the browser
 * came with) and its audit row, in one transaction.
 */
export async function startPasswordSession(
  db: Kysely<DB>,
  now: Date,
  {
    userId,
    previousSessionId,
    client,
    keepSignedIn,
  }: {
    userId: string;
    previousSessionId: string | undefined;
    client: Client;
    keepSignedIn: boolean;
  },
): Promise<{ token: string; expiresAt: Date }> {
  return db.transaction().execute(async (trx) => {
    // A new token at every sign-in; any session the browser came with is ended.
    if (previousSessionId) await deleteSession(trx, previousSessionId);
    const session = await createSession(trx, userId, now, client);
    await recordAudit(trx, now, {
      action: "auth.signed_in",
      actorUserId: userId,
      ip: client.ip,
      details: { keepSignedIn },
    });
    return session;
  });
}

/**
 * Redeems a one-time sign-in link and starts its session, in one transaction;
 * null when the link is unknown, used or expired.
 */
export async function startLinkSession(
  db: Kysely<DB>,
  now: Date,
  {
    token,
    previousSessionId,
    client,
  }: {
    token: string;
    previousSessionId: string | undefined;
    client: Client;
  },
): Promise<{ userId: string; session: { token: string; expiresAt: Date } } | null> {
  return db.transaction().execute(async (trx) => {
    const link = await redeemSignInLink(trx, token, now);
    if (!link) return null;
    if (previousSessionId) await deleteSession(trx, previousSessionId);
    const session = await createSession(trx, link.userId, now, client, "sign_in_link");
    await recordAudit(trx, now, {
      action: "auth.signed_in",
      actorUserId: link.userId,
      targetType: "sign_in_link",
      targetId: link.linkId,
      ip: client.ip,
      details: { via: "sign_in_link" },
    });
    return { userId: link.userId, session };
  });
}
