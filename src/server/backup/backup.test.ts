import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDigest } from "../../../test/support/digest.ts";
import { testEngine } from "../../../test/support/engines.ts";
import { makeAssessmentPoints, makePupil, makeStaff } from "../../../test/support/factories.ts";
import { openEmptyDatabase } from "../../../test/support/fresh-database.ts";
import { createTestApp, type TestApp } from "../../../test/support/test-app.ts";
import type { Database } from "../../db/database.ts";
import { migrations } from "../../db/migrations/index.ts";
import { writeBackupFile } from "./backup.ts";
import { restoreBackup } from "./restore.ts";
import { latestMigration } from "./store.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-backup-"));
const file = (name: string) => path.join(dir, name);
const latest = Object.keys(migrations).sort().at(-1);

/** Rewrites a backup's manifest (and its checksum, so only the manifest is wrong). */
function rewriteManifest(from: string, to: string, change: (m: Record<string, unknown>) => void) {
  const lines = gunzipSync(fs.readFileSync(from)).toString("utf8").split("\n");
  const manifest = JSON.parse(lines[0] ?? "{}");
  change(manifest);
  lines[0] = JSON.stringify(manifest);
  const body = lines.slice(0, -2);
  const hash = createHash("sha256");
  for (const line of body) hash.update(`${line}\n`);
  const trailer = JSON.parse(lines.at(-2) ?? "{}");
  trailer.sha256 = hash.digest("hex");
  fs.writeFileSync(to, gzipSync(`${[...body, JSON.stringify(trailer)].join("\n")}\n`));
}

describe(`backup and restore on ${testEngine()}`, () => {
  let t: TestApp;
  let digest: Record<string, string>;
  const targets: Database[] = [];
  const empty = async () => {
    const target = await openEmptyDatabase(testEngine());
    targets.push(target);
    return target;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const staff = await makeStaff(t, { role: "teacher" });
    await makeAssessmentPoints(t);
    const schoolId = staff.scopeId ?? undefined;
    for (let i = 0; i < 3; i += 1) await makePupil(t, { ...(schoolId ? { schoolId } : {}) });
    digest = await businessDigest(t.database);
    await writeBackupFile(t.deps, file("good.cascade-backup"), {
      now: t.clock.now(),
      reason: "test",
    });
  });
  afterAll(async () => {
    for (const target of targets) await target.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores into an empty database: the same migration level and an equal digest of every business table", async () => {
    const target = await empty();
    const result = await restoreBackup(target.db, file("good.cascade-backup"), {
      replace: false,
      now: t.clock.now(),
    });
    expect(result.manifest.migrationLevel).toBe(latest);
    expect(result.manifest.engine).toBe(testEngine());
    expect(await latestMigration(target.db)).toBe(latest);
    expect(await businessDigest(target)).toEqual(digest);
    // The audit chain goes on from the restored head, unbroken.
    const { verifyAuditChain } = await import("../audit/chain.ts");
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
    // Identity sequences carry on past the restored rows.
    const next = await sql<{ id: string }>`
      insert into audit_events (occurred_at, action, details) values (now(), 'test.after', '{}')
      returning id`.execute(target.db);
    const max = await sql<{ m: string }>`select max(id) as m from audit_events`.execute(target.db);
    expect(String(next.rows[0]?.id)).toBe(String(max.rows[0]?.m));
  });

  it("writes an audit row for the backup it took", async () => {
    const rows = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "=", "backup.created")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses a database already in use, and replaces it with --replace", async () => {
    const target = await empty();
    await restoreBackup(target.db, file("good.cascade-backup"), {
      replace: false,
      now: t.clock.now(),
    });
    await sql`update schools set name = 'Changed After Restore'`.execute(target.db);
    const before = await businessDigest(target);
    await expect(
      restoreBackup(target.db, file("good.cascade-backup"), { replace: false, now: t.clock.now() }),
    ).rejects.toThrow(/already holds data \(.*in .*\)\. .*--replace/);
    expect(await businessDigest(target)).toEqual(before);

    await restoreBackup(target.db, file("good.cascade-backup"), {
      replace: true,
      now: t.clock.now(),
    });
    expect(await businessDigest(target)).toEqual(digest);
  });

  it("refuses a backup from a newer migration level, naming both levels, and changes nothing", async () => {
    rewriteManifest(file("good.cascade-backup"), file("newer.cascade-backup"), (m) => {
      m.migrationLevel = "29991231-2359-from-the-future";
    });
    const target = await empty();
    await expect(
      restoreBackup(target.db, file("newer.cascade-backup"), { replace: true, now: t.clock.now() }),
    ).rejects.toThrow(
      `migration level 29991231-2359-from-the-future, newer than this Cascade's latest, ${latest}`,
    );
    expect(await latestMigration(target.db)).toBeNull();
  });

  it("refuses a file with one corrupted byte, or a changed row under an intact gzip, and changes nothing", async () => {
    const good = fs.readFileSync(file("good.cascade-backup"));
    const flipped = Buffer.from(good);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    fs.writeFileSync(file("flipped.cascade-backup"), flipped);

    const text = gunzipSync(good).toString("utf8");
    fs.writeFileSync(
      file("edited.cascade-backup"),
      gzipSync(text.replace(/"name":"[^"]+"/, '"name":"Edited Name"')),
    );

    const target = await empty();
    await expect(
      restoreBackup(target.db, file("flipped.cascade-backup"), {
        replace: true,
        now: t.clock.now(),
      }),
    ).rejects.toThrow(/is damaged|fails its checksum/);
    await expect(
      restoreBackup(target.db, file("edited.cascade-backup"), {
        replace: true,
        now: t.clock.now(),
      }),
    ).rejects.toThrow("fails its checksum");
    expect(await latestMigration(target.db)).toBeNull();
  });

  it("refuses a truncated file, whether cut inside the gzip stream or cut cleanly before its end", async () => {
    const good = fs.readFileSync(file("good.cascade-backup"));
    fs.writeFileSync(file("cut.cascade-backup"), good.subarray(0, Math.floor(good.length * 0.7)));
    const lines = gunzipSync(good).toString("utf8").split("\n");
    fs.writeFileSync(
      file("short.cascade-backup"),
      gzipSync(`${lines.slice(0, Math.floor(lines.length / 2)).join("\n")}\n`),
    );
    const target = await empty();
    await expect(
      restoreBackup(target.db, file("cut.cascade-backup"), { replace: true, now: t.clock.now() }),
    ).rejects.toThrow("is truncated");
    await expect(
      restoreBackup(target.db, file("short.cascade-backup"), { replace: true, now: t.clock.now() }),
    ).rejects.toThrow(/truncated|fails its checksum/);
    expect(await latestMigration(target.db)).toBeNull();
  });

  it("lists the migrations in the order Kysely runs them, by name", () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
  });

  it("restores an older backup and migrates it up to this app's level", async () => {
    const names = Object.keys(migrations).sort();
    const older = names.at(-2) ?? "";
    // An older database: migrated only so far, with some data in it.
    const source = await empty();
    const { Migrator } = await import("kysely");
    const migrator = new Migrator({
      db: source.db,
      provider: { getMigrations: async () => migrations },
    });
    await migrator.migrateTo(older);
    await sql`insert into schools (urn, name, phase, local_authority, postcode, short_code)
      values ('990123', 'Older School', 'primary', 'Fictionshire', 'ZZ1 1ZZ', 'OLD')`.execute(
      source.db,
    );
    await writeBackupFile(
      { db: source.db, engine: source.engine, version: "old" },
      file("older.cascade-backup"),
      { now: t.clock.now(), reason: "test" },
    );
    const target = await empty();
    const result = await restoreBackup(target.db, file("older.cascade-backup"), {
      replace: false,
      now: t.clock.now(),
    });
    expect(result.manifest.migrationLevel).toBe(older);
    expect(result.migratedAfter).toEqual([names.at(-1)]);
    expect(await latestMigration(target.db)).toBe(latest);
    const school = await sql<{ name: string }>`select name from schools`.execute(target.db);
    expect(school.rows).toEqual([{ name: "Older School" }]);
  });
});
