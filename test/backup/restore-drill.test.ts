import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { writeBackupFile } from "../../src/server/backup/backup.ts";
import { restoreBackup } from "../../src/server/backup/restore.ts";
import { latestMigration } from "../../src/server/backup/store.ts";
import { loadDemoNetwork } from "../../src/server/modules/demo/load-demo.ts";
import { businessDigest } from "../support/digest.ts";
import { type TestEngine, testEngine } from "../support/engines.ts";
import { signIn } from "../support/factories.ts";
import { openEmptyDatabase } from "../support/fresh-database.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const PASSWORD = "demo password for the restore drill";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-drill-"));

/** The north cluster's matrix, as its programme lead reads it through the API: the body's exact bytes. */
async function clusterMatrix(t: TestApp, email: string, clusterId: string): Promise<string> {
  const lead = await signIn(t, { id: "", email, name: "", password: PASSWORD });
  const response = await lead.get(`/api/matrix?view=cluster&clusterId=${clusterId}`);
  expect(response.statusCode).toBe(200);
  return response.body;
}

async function migratedEmpty(engine: TestEngine): Promise<Database> {
  const database = await openEmptyDatabase(engine);
  await migrateToLatest(database.db);
  return database;
}

/**
 * The restore drill (issue #15 item 3, DUR-4): the demo network is backed up on each
 * engine and restored into a fresh database of each engine, PGlite → PostgreSQL (the
 * path a growing network takes) and back. Every business table's digest, the
 * migration level and the matrix of a cluster must be identical. Needs both engines,
 * so it runs in the PostgreSQL project only.
 */
describe.skipIf(testEngine() !== "postgres")("the restore drill, within and across engines", () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const from of ["pglite", "postgres"] as const) {
    describe(`from ${from}`, () => {
      let source: TestApp;
      let digest: Record<string, string>;
      let matrix: string;
      let lead: { email: string; clusterId: string };
      const file = path.join(dir, `demo-${from}.cascade-backup`);

      beforeAll(async () => {
        source = await createTestApp({ database: await migratedEmpty(from) });
        apps.push(source);
        const now = source.clock.now();
        const demo = await source.deps.db
          .transaction()
          .execute((trx) => loadDemoNetwork(trx, { now, password: PASSWORD }));
        const person = demo.network.people.find((p) => p.key === "lead-north");
        const clusterId = demo.clusterIds["cluster-north"];
        if (!person || !clusterId) throw new Error("the demo has no north cluster lead");
        lead = { email: person.email, clusterId };
        matrix = await clusterMatrix(source, lead.email, lead.clusterId);
        // A matrix with pupils in it, so "identical" compares something.
        expect((JSON.parse(matrix) as { dots: unknown[] }).dots.length).toBeGreaterThan(10);
        digest = await businessDigest(source.database);
        const started = Date.now();
        const summary = await writeBackupFile(source.deps, file, { now, reason: "drill" });
        console.log(
          `[drill] backup of the demo network on ${from}: ${summary.rows} rows, ${fs.statSync(file).size} bytes, ${Date.now() - started} ms`,
        );
      }, 120_000);

      for (const into of ["pglite", "postgres"] as const) {
        it(`restores into a fresh ${into} database: the same level, digest and cluster matrix`, async () => {
          const target = await openEmptyDatabase(into);
          const started = Date.now();
          const result = await restoreBackup(target.db, file, {
            replace: false,
            now: source.clock.now(),
          });
          // The recovery time of this drill (DUR-4 asks for it to be printed).
          console.log(
            `[drill] restore ${from} → ${into}: ${result.rows} rows in ${Date.now() - started} ms`,
          );
          expect(await latestMigration(target.db)).toBe(await latestMigration(source.deps.db));
          expect(await businessDigest(target)).toEqual(digest);
          const restored = await createTestApp({ database: target });
          apps.push(restored);
          expect(await clusterMatrix(restored, lead.email, lead.clusterId)).toBe(matrix);
        }, 120_000);
      }
    });
  }
});
