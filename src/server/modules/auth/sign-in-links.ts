import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { hashToken, newToken } from "../../access/sessions.ts";
import type { MailMessage } from "../../mail/mailer.ts";

/** A sign-in link works once, within a quarter of an hour. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60 * 1000;
/** At most this many links per account in one lifetime, so the owner's inbox is not flooded. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;

/** The email carrying a sign-in link. */
export function signInLinkMessage(to: string, url: string): MailMessage {
  return {
    to,
    subject: "Your Cascade sign-in link",
    text:
      "Someone asked for a link to sign in to your Cascade account while password sign-in " +
      "is paused after many failed attempts.\n\n" +
      `Open this link to sign in:\n${url}\n\n` +
      `It works once, within ${SIGN_IN_LINK_LIFETIME_MS / 60_000} minutes. ` +
      "If you did not ask for it, ignore this email: your password has not been changed.",
  };
}

export async function createSignInLink(
  db: Kysely<DB>,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string } | null> {
  const recent = await db
    .selectFrom("sign_in_links")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("created_at", ">", new Date(now.getTime() - SIGN_IN_LINK_LIFETIME_MS))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= SIGN_IN_LINKS_PER_WINDOW) return null;
  const token = newToken();
  const row = await db
    .insertInto("sign_in_links")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: new Date(now.getTime() + SIGN_IN_LINK_LIFETIME_MS),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Used and expired links are no use to anyone.
  await db
    .deleteFrom("sign_in_links")
    .where("expires_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .execute();
  return { id: row.id, token };
}

/**
 * Uses a link up in one statement (so two requests cannot both use it) and
 * returns whose it was; undefined when it is unknown, used, expired or its
 * account disabled.
 */
export async function redeemSignInLink(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<{ linkId: string; userId: string } | undefined> {
  const row = await db
    .updateTable("sign_in_links")
    .set({ used_at: now })
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("users")
          .select("users.id")
          .whereRef("users.id", "=", "sign_in_links.user_id")
          .where("users.disabled_at", "is", null),
      ),
    )
    .returning(["id", "user_id"])
    .executeTakeFirst();
  return row ? { linkId: row.id, userId: row.user_id } : undefined;
}
