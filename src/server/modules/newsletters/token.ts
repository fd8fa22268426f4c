import { createHmac, timingSafeEqual } from "node:crypto";
import type { Keyring } from "../../secrets/keyring.ts";

/*
 * The unsubscribe link's token: the user's id and an HMAC of it under a key
 * derived from the server's secret key (the keyring that seals stored
 * secrets), so nothing is stored and a token made under a previous key still
 * works after rotation.
 *
 *   <user id>.<base64url HMAC-SHA256>
 */

const PURPOSE = "cascade-newsletter-unsubscribe:v1";

function macOf(key: Buffer, userId: string): Buffer {
  const derived = createHmac("sha256", key).update(PURPOSE).digest();
  return createHmac("sha256", derived).update(userId).digest();
}

export function unsubscribeToken(keyring: Keyring, userId: string): string {
  const key = keyring.keys.get(keyring.currentId) as Buffer;
  return `${userId}.${macOf(key, userId).toString("base64url")}`;
}

/** The user a token was made for, or undefined when it was not made by this server. */
export function userOfToken(keyring: Keyring, token: string): string | undefined {
  const [userId, mac, ...rest] = token.split(".");
  if (!userId || !mac || rest.length || !/^[0-9a-f-]{36}$/.test(userId)) return undefined;
  const given = Buffer.from(mac, "base64url");
  for (const key of keyring.keys.values()) {
    const expected = macOf(key, userId);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return userId;
  }
  return undefined;
}
