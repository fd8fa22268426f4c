import fs from "node:fs";
import path from "node:path";
import { type Config, ConfigError } from "../../config.ts";
import { decodeSecretKey, type Keyring, keyringOf, newSecretKey } from "./keyring.ts";

export const KEY_FILE_NAME = "secret.key";

/** A ConfigError: the command line prints its message and stops. */
export class SecretKeyError extends ConfigError {}

export interface ResolvedKeyring {
  keyring: Keyring;
  /** Where the current key came from, for the start-up log (never the key). */
  source: string;
  /** Set when the key file was made just now. */
  created: boolean;
}

/**
 * The server's secret keys. CASCADE_SECRET_KEY when it is set (with
 * CASCADE_SECRET_KEYS_PREVIOUS still opening what older keys sealed).
 * Otherwise the key file in the data directory, made on first start with a new
 * random key and readable by its owner only (0600): the quick start needs no
 * set-up, and a backup of the database alone does not hold the key.
 */
export function resolveKeyring(
  config: Pick<Config, "dataDir" | "secretKey" | "previousSecretKeys">,
): ResolvedKeyring {
  const previous = config.previousSecretKeys.map((text) =>
    decodeKey(text, "CASCADE_SECRET_KEYS_PREVIOUS"),
  );
  if (config.secretKey !== undefined) {
    return {
      keyring: keyringOf(decodeKey(config.secretKey, "CASCADE_SECRET_KEY"), previous),
      source: "CASCADE_SECRET_KEY",
      created: false,
    };
  }
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      // "wx": never overwrite a key another process has just written.
      fs.writeFileSync(file, `${newSecretKey()}\n`, { mode: 0o600, flag: "wx" });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  if (process.platform !== "win32" && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new SecretKeyError(
      `The secret key file ${file} can be read by others: run chmod 600 on it (only the owner may read it).`,
    );
  }
  const key = decodeKey(fs.readFileSync(file, "utf8"), file);
  return { keyring: keyringOf(key, previous), source: file, created };
}

function decodeKey(text: string, from: string): Buffer {
  const key = decodeSecretKey(text);
  if (!key) {
    throw new SecretKeyError(
      `${from} must be 32 random bytes in base64 (44 characters; make one with: openssl rand -base64 32).`,
    );
  }
  return key;
}
