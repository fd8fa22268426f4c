import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/*
 * Secrets the server must read back (a TOTP seed, unlike a password, cannot be
 * hashed) are stored sealed with AES-256-GCM under the server's secret key.
 * A sealed value names the key it was sealed with, so keys can rotate: the
 * current key seals, and previous keys still open what they sealed until the
 * start-up pass re-seals it under the current one.
 *
 *   v1.<key id>.<iv>.<tag>.<ciphertext>   (base64url parts)
 *
 * The context (e.g. "totp:<user id>") is authenticated data: a value copied to
 * another row does not open there.
 */

const VERSION = "v1";
export const SECRET_KEY_BYTES = 32;

export interface Keyring {
  /** The id of the key new values are sealed with. */
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A short, stable name for a key: not the key, and says nothing usable about it. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256")
    .update("cascade-secret-key-id:")
    .update(key)
    .digest("hex")
    .slice(0, 8);
}

export function keyringOf(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  for (const key of [current, ...previous]) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new Error(`A secret key must be ${SECRET_KEY_BYTES} bytes, not ${key.length}.`);
    }
  }
  const keys = new Map<string, Buffer>();
  for (const key of [...previous, current]) keys.set(keyIdOf(key), key);
  return { currentId: keyIdOf(current), keys };
}

/** A new random key, as base64 (the form CASCADE_SECRET_KEY and the key file hold). */
export function newSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString("base64");
}

/** A key from its base64 text; undefined when it is not exactly 32 bytes of base64. */
export function decodeSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, "base64");
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

/** The id of the key a sealed value needs, or undefined when it is not sealed. */
export function keyIdNeeded(value: string): string | undefined {
  return isSealed(value) ? value.split(".")[1] : undefined;
}

export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const key = keyring.keys.get(keyring.currentId) as Buffer;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return [VERSION, keyring.currentId, ...parts].join(".");
}

/** Why a sealed value could not be opened. */
export class UnreadableSecret extends Error {
  constructor(
    readonly reason: "unknown_key" | "damaged",
    readonly keyId: string | undefined,
  ) {
    super(
      reason === "unknown_key"
        ? `sealed with key ${keyId}, which is not among the server's keys`
        : "the sealed value is damaged, or was sealed for another record",
    );
  }
}

export function open(keyring: Keyring, sealed: string, context: string): string {
  const [version, keyId, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined || rest.length) {
    throw new UnreadableSecret("damaged", keyId);
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new UnreadableSecret("unknown_key", keyId);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new UnreadableSecret("damaged", keyId);
  }
}
