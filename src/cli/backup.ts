import { Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../config.ts";
import { DataDirLockedError } from "../db/data-dir-lock.ts";
import { openDatabase } from "../db/database.ts";
import { describeDatabase } from "../db/open-from-config.ts";
import { grantRuntimeRole, roleOfUrl } from "../db/runtime-role.ts";
import { VERSION } from "../version.ts";

/** Errors the backup commands print as one line, without a stack. */
export class BackupCommandError extends Error {}

function describeSize(bytes: number): string {
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} kB`;
}

export function createBackupCommand(): Command {
  return new Command("backup")
    .description(
      "Write a backup of the whole database to FILE (gzip; restores into either engine). Safe while the app runs.",
    )
    .argument("<file>", "where to write the backup")
    .option(
      "--format <format>",
      "cascade (default: restores into either engine) or pg_dump (PostgreSQL only: pg_dump -Fc, with FILE.manifest.json beside it)",
      "cascade",
    )
    .action(async (file: string, options: { format: string }) => {
      const config = loadConfig();
      const fs = await import("node:fs");
      if (options.format !== "cascade" && options.format !== "pg_dump") {
        throw new BackupCommandError(`Unknown format ${options.format}: use cascade or pg_dump.`);
      }
      if (options.format === "pg_dump") {
        if (!config.databaseUrl) {
          throw new BackupCommandError(
            "--format pg_dump backs up PostgreSQL only (DATABASE_URL is not set); the embedded database uses the default format.",
          );
        }
        const { writePgDumpBackup } = await import("../server/backup/pg-dump.ts");
        const { BackupFileError } = await import("../server/backup/format.ts");
        const source = await openDatabase({
          engine: "postgres",
          url: config.databaseUrl,
          poolSize: 1,
        });
        try {
          const manifest = await writePgDumpBackup(
            { db: source.db, url: config.databaseUrl, version: VERSION },
            file,
            { now: new Date(), reason: "cascade backup --format pg_dump" },
          );
          console.log(
            `Backed up ${describeDatabase(config)} with pg_dump to ${file} (manifest ${file}.manifest.json): migration level ${manifest.migrationLevel}, ${describeSize(fs.statSync(file).size)}, sha256 ${manifest.sha256}.`,
          );
        } catch (error) {
          if (error instanceof BackupFileError) throw new BackupCommandError(error.message);
          throw error;
        } finally {
          await source.close();
        }
        return;
      }
      const { writeBackupFile } = await import("../server/backup/backup.ts");
      const source = config.databaseUrl
        ? await openDatabase({ engine: "postgres", url: config.databaseUrl, poolSize: 1 })
        : await openPglite(config.dataDir);
      if (source === "running") {
        const { backupThroughControlSocket } = await import("../server/backup/control-socket.ts");
        try {
          await backupThroughControlSocket(config.dataDir, file);
        } catch (error) {
          throw new BackupCommandError((error as Error).message);
        }
        console.log(
          `Backed up ${describeDatabase(config)} through the running server to ${file} (${describeSize(fs.statSync(file).size)}).`,
        );
        return;
      }
      try {
        const summary = await writeBackupFile(
          { db: source.db, engine: source.engine, version: VERSION },
          file,
          { now: new Date(), reason: "cascade backup" },
        );
        console.log(
          `Backed up ${describeDatabase(config)} to ${file}: ${summary.rows} rows, migration level ${summary.manifest.migrationLevel}, ${describeSize(fs.statSync(file).size)}, sha256 ${summary.sha256}.`,
        );
      } finally {
        await source.close();
      }
    });
}

/** The embedded database, or "running" when a serving process holds its lock. */
async function openPglite(dataDir: string) {
  try {
    return await openDatabase({ engine: "pglite", dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) return "running" as const;
    throw error;
  }
}

export function createRestoreCommand(): Command {
  return new Command("restore")
    .description(
      "Restore a backup FILE into the configured database (stop the app first). Refuses a database in use unless --replace.",
    )
    .argument("<file>", "the backup to restore")
    .option("--replace", "replace everything in a database that already holds data", false)
    .action(async (file: string, options: { replace: boolean }) => {
      const config = loadConfig();
      const { restoreBackup } = await import("../server/backup/restore.ts");
      const { BackupFileError } = await import("../server/backup/format.ts");
      const { isPgDumpFile, restorePgDump } = await import("../server/backup/pg-dump.ts");
      // The restore is one transaction over one connection, as the schema's owner.
      const ownerUrl = config.databaseMigrationUrl ?? config.databaseUrl;
      const pgDump = isPgDumpFile(file);
      if (pgDump && !ownerUrl) {
        throw new BackupCommandError(
          `${file} is a pg_dump file: it restores into PostgreSQL only (set DATABASE_URL), not into the embedded database.`,
        );
      }
      const target = ownerUrl
        ? await openDatabase({ engine: "postgres", url: ownerUrl, poolSize: 1 })
        : await openDatabase({ engine: "pglite", dataDir: config.dataDir });
      const started = Date.now();
      try {
        const restoreOptions = { replace: options.replace, now: new Date() };
        const result =
          pgDump && ownerUrl
            ? await restorePgDump({ db: target.db, url: ownerUrl }, file, restoreOptions)
            : await restoreBackup(target.db, file, restoreOptions);
        if (config.databaseUrl && config.databaseMigrationUrl) {
          const runtime = roleOfUrl(config.databaseUrl);
          if (runtime !== roleOfUrl(config.databaseMigrationUrl)) {
            await grantRuntimeRole(target.db, runtime);
          }
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          `Restored ${result.rows} rows from ${file} (made ${result.manifest.createdAt} on ${result.manifest.engine}${pgDump ? ", by pg_dump" : ""}, migration level ${result.manifest.migrationLevel}) into ${describeDatabase(config)} in ${seconds} s` +
            (result.migratedAfter.length
              ? `, then applied ${result.migratedAfter.length} newer migration(s).`
              : "."),
        );
      } catch (error) {
        if (error instanceof BackupFileError) throw new BackupCommandError(error.message);
        throw error;
      } finally {
        await target.close();
      }
    });
}

export function parseKeep(value: string): number {
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1 || keep > 366) {
    throw new InvalidArgumentError("must be a whole number of backups from 1 to 366.");
  }
  return keep;
}
