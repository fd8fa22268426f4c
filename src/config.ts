import path from "node:path";

/** Everything the process reads from its environment, parsed once at start-up. */
export interface Config {
  host: string;
  port: number;
  /** Where the embedded database (and later, uploaded files) live. */
  dataDir: string;
  /** When set, PostgreSQL is used instead of the embedded database. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL only: the migration owner's connection. When set, migrations run
   * with it and the app then runs as DATABASE_URL's role, granted only what it needs.
   */
  databaseMigrationUrl: string | undefined;
  /** The address users reach the app at; decides cookie security and invitation links. */
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** "pretty": one readable line per event (for a person at a terminal); "json": one JSON object per line (for machines). */
  logFormat: "pretty" | "json";
  /** Serve the SPA from this folder (built by Vite). */
  webDir: string;
  /** Idle minutes before a session of staff with named pupil data ends. */
  staffIdleMinutes: number;
  /**
   * CASCADE_SECRET_KEY: the key (32 bytes, base64) that seals stored secrets
   * such as TOTP seeds. Unset, a key file in the data directory is used, made on
   * first start (server/secrets/key-file.ts).
   */
  secretKey: string | undefined;
  /** CASCADE_SECRET_KEYS_PREVIOUS: earlier keys, comma-separated, still opening what they sealed. */
  previousSecretKeys: string[];
}

export class ConfigError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `CASCADE_PUBLIC_URL must be an absolute http(s) address, not "${value}".`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(
      `CASCADE_PUBLIC_URL must start with http:// or https://, not "${value}".`,
    );
  }
  return url.origin;
}

function parseIdleMinutes(value: string | undefined): number {
  if (value === undefined || value === "") return 60;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) {
    throw new ConfigError(
      `CASCADE_STAFF_IDLE_MINUTES must be a whole number of minutes from 5 to 720, not "${value}".`,
    );
  }
  return minutes;
}

function parseLogFormat(value: string | undefined, isTerminal: boolean): "pretty" | "json" {
  if (value === undefined || value === "" || value === "auto")
    return isTerminal ? "pretty" : "json";
  if (value === "pretty" || value === "json") return value;
  throw new ConfigError(`CASCADE_LOG_FORMAT must be auto, pretty or json, not "${value}".`);
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): Config {
  const root = process.cwd();
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    throw new ConfigError(
      "DATABASE_MIGRATION_URL is set without DATABASE_URL: set DATABASE_URL to the app's runtime role.",
    );
  }
  return {
    host: env.HOST || "127.0.0.1",
    port: parsePort(env.PORT),
    dataDir: path.resolve(root, env.CASCADE_DATA_DIR || "data"),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL || undefined,
    publicUrl: parsePublicUrl(env.CASCADE_PUBLIC_URL),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || "Cascade <no-reply@cascade.invalid>",
    logLevel: env.LOG_LEVEL || "info",
    logFormat: parseLogFormat(env.CASCADE_LOG_FORMAT, stdoutIsTerminal),
    webDir: path.resolve(root, env.CASCADE_WEB_DIR || "dist/web"),
    staffIdleMinutes: parseIdleMinutes(env.CASCADE_STAFF_IDLE_MINUTES),
    secretKey: env.CASCADE_SECRET_KEY || undefined,
    previousSecretKeys: (env.CASCADE_SECRET_KEYS_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== ""),
  };
}
