import { type Kysely, Migrator } from "kysely";
import { migrations } from "../../db/migrations/index.ts";
import { seedReferenceData } from "../../db/reference-data.ts";
import type { DB } from "../../db/schema.ts";
import { recordAudit } from "../audit/store.ts";
import { BackupFileError, type BackupManifest, readLines, verifyBackupFile } from "./format.ts";
import {
  countRows,
  dropPublicSchema,
  insertableColumns,
  insertJsonRows,
  latestMigration,
  rawSql,
  setSequence,
  setUserTriggers,
  tableExists,
  tablesInForeignKeyOrder,
  truncateTables,
} from "./store.ts";

/** Rows sent to the database per insert while restoring. */
const ROWS_PER_INSERT = 500;

/**
 * Tables the migrations fill themselves (reference data, the migration record, the
 * audit chain's head): rows in them do not make a database "in use".
 */
const FILLED_BY_MIGRATIONS = new Set([
  "kysely_migration",
  "kysely_migration_lock",
  "audit_chain_head",
  "security_settings",
  "eef_strands",
  "national_measures",
  "national_figures",
  "measure_national_links",
]);

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  /** Migrations applied after the rows were loaded (the backup was older than this app). */
  migratedAfter: string[];
}

/** The tables of a database that already hold someone's data, with their row counts. */
export async function tablesInUse(db: Kysely<DB>): Promise<{ table: string; rows: number }[]> {
  if (!(await tableExists(db, "kysely_migration"))) return [];
  const inUse = [];
  for (const table of await tablesInForeignKeyOrder(db)) {
    if (FILLED_BY_MIGRATIONS.has(table)) continue;
    const rows = await countRows(db, table);
    if (rows > 0) inUse.push({ table, rows });
  }
  return inUse;
}

/** Refuses a backup from a schema this app does not know (a newer Cascade made it). */
export function checkMigrationLevel(
  manifest: Pick<BackupManifest, "migrationLevel" | "appVersion">,
  file: string,
): void {
  // Kysely runs migrations sorted by name, so the latest is the last by name.
  const known = Object.keys(migrations).sort();
  const latest = known.at(-1) ?? "";
  if (known.includes(manifest.migrationLevel)) return;
  throw new BackupFileError(
    manifest.migrationLevel > latest
      ? `The backup ${file} is at migration level ${manifest.migrationLevel}, newer than this Cascade's latest, ${latest} (the backup was made by Cascade ${manifest.appVersion}). Restore it with that version or a later one.`
      : `The backup ${file} is at migration level ${manifest.migrationLevel}, which this Cascade does not know (its latest is ${latest}).`,
  );
}

function migratorFor(db: Kysely<DB>) {
  // Inside the restore's own transaction: the migrator must not open one of its own.
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    disableTransactions: true,
  });
}

async function migrate(db: Kysely<DB>, to: string | "latest"): Promise<string[]> {
  const migrator = migratorFor(db);
  const result = to === "latest" ? await migrator.migrateToLatest() : await migrator.migrateTo(to);
  if (result.error) throw result.error;
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Restores a backup file into `db`, which must hold one connection only (the
 * restore is one transaction, begun and ended by hand so the migrator can run in
 * it). The file is read and checked in full first, so a damaged, truncated or too
 * new file, or a target in use without `replace`, changes nothing. Then, in one
 * transaction: empty the schema, migrate it to the backup's level, load every row
 * with triggers off, set the sequences, migrate on to this app's latest level.
 */
export async function restoreBackup(
  db: Kysely<DB>,
  file: string,
  options: { replace: boolean; now: Date },
): Promise<RestoreResult> {
  const manifest = await verifyBackupFile(file);
  checkMigrationLevel(manifest, file);
  if (!options.replace) {
    const inUse = await tablesInUse(db);
    if (inUse.length) {
      const some = inUse
        .slice(0, 3)
        .map((t) => `${t.rows} in ${t.table}`)
        .join(", ");
      throw new BackupFileError(
        `The target database already holds data (${some}${inUse.length > 3 ? ", …" : ""}). Restore into an empty database, or pass --replace to replace everything in it.`,
      );
    }
  }

  await rawSql(db, "begin");
  try {
    await dropPublicSchema(db);
    await migrate(db, manifest.migrationLevel);
    const restoredLevel = await latestMigration(db);
    if (restoredLevel !== manifest.migrationLevel) {
      throw new Error(`migrated to ${restoredLevel}, not ${manifest.migrationLevel}`);
    }
    const tables = manifest.tables.map((t) => t.name);
    for (const table of tables) await setUserTriggers(db, table, false);
    await truncateTables(db, tables);
    const rows = await loadRows(db, file, manifest);
    for (const sequence of manifest.sequences) {
      if (sequence.lastValue !== null) await setSequence(db, sequence.name, sequence.lastValue);
    }
    for (const table of tables) await setUserTriggers(db, table, true);
    const migratedAfter = await migrate(db, "latest");
    await seedReferenceData(db);
    await recordAudit(db, options.now, {
      action: "backup.restored",
      actorUserId: null,
      details: {
        migrationLevel: manifest.migrationLevel,
        createdAt: manifest.createdAt,
        fromEngine: manifest.engine,
        rows,
        migratedAfter,
      },
    });
    await rawSql(db, "commit");
    return { manifest, rows, migratedAfter };
  } catch (error) {
    await rawSql(db, "rollback").catch(() => {});
    throw error;
  }
}

/** Second pass over the (already checked) file: the rows, table by table in the manifest's order. */
async function loadRows(db: Kysely<DB>, file: string, manifest: BackupManifest): Promise<number> {
  const lines = readLines(file);
  await lines.next(); // the manifest
  let total = 0;
  for (const table of manifest.tables) {
    if (table.rows === 0) continue;
    const columns = await insertableColumns(db, table.name);
    let batch: string[] = [];
    for (let i = 0; i < table.rows; i += 1) {
      const next = await lines.next();
      if (next.done) throw new BackupFileError(`The backup file ${file} ended early.`);
      batch.push(next.value);
      if (batch.length === ROWS_PER_INSERT) {
        await insertJsonRows(db, table.name, columns, batch);
        batch = [];
      }
    }
    if (batch.length) await insertJsonRows(db, table.name, columns, batch);
    total += table.rows;
  }
  await lines.return(undefined);
  return total;
}
