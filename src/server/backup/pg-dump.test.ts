import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDigest } from "../../../test/support/digest.ts";
import { postgresUrl, testEngine, withDatabase } from "../../../test/support/engines.ts";
import { makePupil } from "../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { type Database, openDatabase } from "../../db/database.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { BackupFileError } from "./format.ts";
import {
  isPgDumpFile,
  manifestPathOf,
  type PgDumpManifest,
  restorePgDump,
  writePgDumpBackup,
} from "./pg-dump.ts";
import { latestMigration } from "./store.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-pgdump-"));
const created: string[] = [];

/** A new, empty PostgreSQL database and its URL (dropped after the tests). */
async function emptyDatabase(): Promise<{ database: Database; url: string }> {
  const name = `cascade_pgdump_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const url = withDatabase(postgresUrl(), name);
  return { database: await openDatabase({ engine: "postgres", url, poolSize: 1 }), url };
}

/** pg_dump / pg_restore behind `cascade backup --format pg_dump` (issue #15), PostgreSQL only. */
describe.skipIf(testEngine() !== "postgres")("PostgreSQL backups by pg_dump and pg_restore", () => {
  let source: TestApp;
  let sourceUrl = "";
  let digest: Record<string, string>;
  const file = path.join(dir, "cascade.pgdump");
  const opened: Database[] = [];

  beforeAll(async () => {
    const empty = await emptyDatabase();
    sourceUrl = empty.url;
    await migrateToLatest(empty.database.db);
    source = await createTestApp({ database: empty.database });
    await makePupil(source, { firstName: "Ottoline", lastName: "Pendragon" });
    digest = await businessDigest(source.database);
  }, 120_000);
  afterAll(async () => {
    for (const database of opened) await database.close();
    await source.close();
    const admin = new pg.Client({ connectionString: postgresUrl() });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a pg_dump custom-format file and a manifest with level, row counts and its SHA-256", async () => {
    const manifest = await writePgDumpBackup(
      { db: source.deps.db, url: sourceUrl, version: "test" },
      file,
      { now: source.clock.now(), reason: "test" },
    );
    expect(isPgDumpFile(file)).toBe(true);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const written = JSON.parse(fs.readFileSync(manifestPathOf(file), "utf8")) as PgDumpManifest;
    expect(written).toEqual(manifest);
    expect(manifest.migrationLevel).toBe(await latestMigration(source.deps.db));
    expect(manifest.tables.find((t) => t.name === "pupils")?.rows).toBe(1);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await source.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "backup.created")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ format: "pg_dump", sha256: manifest.sha256 });
  });

  it("restores into an empty database: the same level and business digest, audited", async () => {
    const target = await emptyDatabase();
    opened.push(target.database);
    const result = await restorePgDump({ db: target.database.db, url: target.url }, file, {
      replace: false,
      now: source.clock.now(),
    });
    expect(result.rows).toBeGreaterThan(0);
    expect(await latestMigration(target.database.db)).toBe(await latestMigration(source.deps.db));
    expect(await businessDigest(target.database)).toEqual(digest);
    const restored = await target.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "backup.restored")
      .execute();
    expect(restored).toHaveLength(1);
  }, 60_000);

  it("refuses a database in use without --replace, and replaces it with", async () => {
    const target = await emptyDatabase();
    opened.push(target.database);
    await migrateToLatest(target.database.db);
    const other = await createTestApp({ database: target.database });
    await makePupil(other, { firstName: "Someone", lastName: "Else" });
    await expect(
      restorePgDump({ db: target.database.db, url: target.url }, file, {
        replace: false,
        now: source.clock.now(),
      }),
    ).rejects.toThrow(/already holds data/);
    const names = await target.database.db.selectFrom("pupils").select("last_name").execute();
    expect(names).toEqual([{ last_name: "Else" }]);
    await restorePgDump({ db: target.database.db, url: target.url }, file, {
      replace: true,
      now: source.clock.now(),
    });
    expect(await businessDigest(target.database)).toEqual(digest);
  }, 60_000);

  it("refuses a dump whose checksum or migration level does not fit, or with no manifest", async () => {
    const target = await emptyDatabase();
    opened.push(target.database);
    const restore = (f: string) =>
      restorePgDump({ db: target.database.db, url: target.url }, f, {
        replace: false,
        now: source.clock.now(),
      });
    const manifest = JSON.parse(fs.readFileSync(manifestPathOf(file), "utf8")) as PgDumpManifest;

    const damaged = path.join(dir, "damaged.pgdump");
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(manifestPathOf(file), manifestPathOf(damaged));
    await expect(restore(damaged)).rejects.toThrow(/fails its checksum/);

    const newer = path.join(dir, "newer.pgdump");
    fs.copyFileSync(file, newer);
    fs.writeFileSync(
      manifestPathOf(newer),
      JSON.stringify({ ...manifest, migrationLevel: "29991231-2359-future" }),
    );
    await expect(restore(newer)).rejects.toThrow(/newer than this Cascade's latest/);

    const bare = path.join(dir, "bare.pgdump");
    fs.copyFileSync(file, bare);
    await expect(restore(bare)).rejects.toThrow(/without its manifest/);
    // Nothing was restored.
    expect(await latestMigration(target.database.db).catch(() => null)).toBeFalsy();
  });

  it("says clearly when pg_dump is not installed", async () => {
    const path_ = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const failed = writePgDumpBackup(
        { db: source.deps.db, url: sourceUrl, version: "test" },
        path.join(dir, "never.pgdump"),
        { now: source.clock.now(), reason: "test" },
      );
      await expect(failed).rejects.toThrow(BackupFileError);
      await expect(failed).rejects.toThrow(/pg_dump is not installed/);
    } finally {
      process.env.PATH = path_;
    }
    expect(fs.existsSync(path.join(dir, "never.pgdump.partial"))).toBe(false);
  });
});
