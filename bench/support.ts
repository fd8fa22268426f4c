/**
 * What the benchmarks need to build an app in process, without importing test/ (bench/ imports
 * src/, never test/: scripts/check-boundaries.mjs). test/support/multipart.ts re-exports
 * multipartBody from here so that it has one home.
 */
import { randomBytes } from "node:crypto";
import type { Config } from "../src/config.ts";
import { type Keyring, keyringOf } from "../src/server/secrets/keyring.ts";

/** The origin the benchmarks send, and the app's public URL. */
export const BENCH_ORIGIN = "http://cascade.test";

/** A configuration for an app built in process: no listening port, no mail, no logs. */
export function benchConfig(): Config {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir: ".tmp/unused",
    databaseUrl: undefined,
    databaseMigrationUrl: undefined,
    publicUrl: BENCH_ORIGIN,
    smtpUrl: undefined,
    mailFrom: "Cascade <bench@cascade.test>",
    logLevel: "silent",
    logFormat: "json",
    webDir: ".tmp/no-web",
    staffIdleMinutes: 60,
    secretKey: undefined,
    previousSecretKeys: [],
  };
}

/** A throwaway key for the secrets a benchmark's app seals. */
export function benchSecrets(): Keyring {
  return keyringOf(randomBytes(32));
}

/** A multipart/form-data body with one file and some fields, as a browser would send it. */
export function multipartBody(
  file: { field?: string; filename: string; content: Buffer | string; type?: string },
  fields: Record<string, string> = {},
): { payload: Buffer; contentType: string } {
  const boundary = `----cascade-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type ?? "text/csv"}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
