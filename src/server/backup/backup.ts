import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Engine } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import { recordAudit } from "../audit/store.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  BackupWriter,
} from "./format.ts";
import {
  countRows,
  latestMigration,
  publicSequences,
  tableRowsAsJson,
  tablesInForeignKeyOrder,
} from "./store.ts";

export interface BackupSource {
  db: Kysely<DB>;
  engine: Engine;
  version: string;
}

export interface BackupSummary {
  manifest: BackupManifest;
  rows: number;
  sha256: string;
}

/**
 * Writes a backup of every table to `sink`, from one consistent snapshot (one
 * REPEATABLE READ, read-only transaction), table by table, so the app may keep
 * running. On PGlite the snapshot holds the one connection: requests wait for it.
 * Writes an audit row (the backup reads all named pupil data) once it is done.
 */
export async function writeBackup(
  source: BackupSource,
  sink: Writable,
  options: { now: Date; actorUserId?: string | null; reason: string },
): Promise<BackupSummary> {
  const summary = await source.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const migrationLevel = await latestMigration(trx);
      if (!migrationLevel)
        throw new Error("The database has no migrations applied: nothing to back up.");
      const names = await tablesInForeignKeyOrder(trx);
      const tables = [];
      for (const name of names) tables.push({ name, rows: await countRows(trx, name) });
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        appVersion: source.version,
        engine: source.engine,
        migrationLevel,
        createdAt: options.now.toISOString(),
        tables,
        sequences: await publicSequences(trx),
      };
      const writer = BackupWriter.toStream(sink);
      await writer.manifest(manifest);
      for (const table of tables) {
        let written = 0;
        for await (const json of tableRowsAsJson(trx, table.name)) {
          await writer.row(json);
          written += 1;
        }
        if (written !== table.rows) {
          throw new Error(`${table.name}: counted ${table.rows} rows but read ${written}.`);
        }
      }
      const trailer = await writer.finish();
      return { manifest, rows: trailer.rows, sha256: trailer.sha256 };
    });
  await recordAudit(source.db, options.now, {
    action: "backup.created",
    actorUserId: options.actorUserId ?? null,
    details: {
      reason: options.reason,
      migrationLevel: summary.manifest.migrationLevel,
      rows: summary.rows,
      sha256: summary.sha256,
    },
  });
  return summary;
}

/** Writes a backup to a file: to `FILE.partial` first, renamed once complete, so no half file has the name. */
export async function writeBackupFile(
  source: BackupSource,
  file: string,
  options: { now: Date; actorUserId?: string | null; reason: string },
): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  try {
    const summary = await writeBackup(source, out, options);
    fs.renameSync(partial, file);
    return summary;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
