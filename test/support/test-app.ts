import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import type { Config } from "../../src/config.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { buildApp } from "../../src/server/app.ts";
import type { AppDeps, Clock } from "../../src/server/context.ts";
import type { Mailer, MailMessage } from "../../src/server/mail/mailer.ts";
import { setSecondFactorRequired } from "../../src/server/modules/mfa/store.ts";
import type { RouteInventoryEntry } from "../../src/server/plugins/access.ts";
import { type Keyring, keyringOf } from "../../src/server/secrets/keyring.ts";
import { PGLITE_TEMPLATE_FILE, postgresUrl, testEngine, withDatabase } from "./engines.ts";

export const TEST_ORIGIN = "http://cascade.test";

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: number;
  constructor(start = Date.parse("2026-11-23T09:00:00Z")) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Keeps sent mail in memory (tests with a real SMTP peer use the SMTP mailer instead). */
export class CapturingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  constructor(readonly configured = false) {}
  async send(message: MailMessage): Promise<void> {
    if (!this.configured) throw new Error("not configured");
    this.sent.push(message);
  }
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir: ".tmp/unused",
    databaseUrl: undefined,
    databaseMigrationUrl: undefined,
    publicUrl: TEST_ORIGIN,
    smtpUrl: undefined,
    mailFrom: "Cascade <test@cascade.test>",
    logLevel: "silent",
    logFormat: "json",
    webDir: ".tmp/no-web",
    staffIdleMinutes: 60,
    secretKey: undefined,
    previousSecretKeys: [],
    ...overrides,
  };
}

/** A fresh, migrated database of the engine this test run is on. */
export async function openTestDatabase(): Promise<Database> {
  if (testEngine() === "pglite") {
    const template = new Blob([fs.readFileSync(PGLITE_TEMPLATE_FILE)]);
    return openDatabase({ engine: "pglite-memory", loadDataDir: template });
  }
  const template = inject("postgresTemplate");
  const name = `${template}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({
    engine: "postgres",
    url: withDatabase(postgresUrl(), name),
    poolSize: 4,
  });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  routes: RouteInventoryEntry[];
  deps: AppDeps;
  clock: TestClock;
  mailer: CapturingMailer;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    config?: Partial<Config>;
    mailer?: Mailer & { sent?: MailMessage[] };
    /** Turns the request log on, into this stream. */
    logStream?: { write(line: string): void };
    /** Keep the fresh install's second-factor requirement on. */
    secondFactorRequired?: boolean;
    /** The keys sealing stored secrets (a new random key when not given). */
    secrets?: Keyring;
    /** Serve this (migrated) database instead of a fresh one of the run's engine; closed with the app. */
    database?: Database;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  const clock = new TestClock();
  const mailer = (options.mailer as CapturingMailer | undefined) ?? new CapturingMailer(false);
  const deps: AppDeps = {
    db: database.db,
    engine: database.engine,
    config: testConfig(options.config),
    mailer,
    clock,
    version: "test",
    secrets: options.secrets ?? keyringOf(randomBytes(32)),
  };
  // A fresh install requires a second factor of staff (the migration's default);
  // the tests sign people in with passwords, so they start with it off, and the
  // second-factor tests turn it on.
  if (options.secondFactorRequired !== true) {
    await setSecondFactorRequired(database.db, false, null, clock.now());
  }
  const { app, routes } = await buildApp(
    deps,
    options.logStream ? { logger: true, logStream: options.logStream } : {},
  );
  return {
    app,
    routes,
    deps,
    clock,
    mailer,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
