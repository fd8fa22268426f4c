import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { migrateToLatest } from "../../db/migrate.ts";
import type { DB } from "../../db/schema.ts";
import { recordAudit } from "../audit/store.ts";
import { BackupFileError, type BackupTable } from "./format.ts";
import { checkMigrationLevel, tablesInUse } from "./restore.ts";
import { countRows, latestMigration, tablesInForeignKeyOrder } from "./store.ts";

/**
 * PostgreSQL backups by PostgreSQL's own tools (issue #15): `pg_dump -Fc` writes
 * FILE, `pg_restore --clean --if-exists` puts it back. Cascade does not reinvent
 * them; it adds what its own format checks, in a sidecar `FILE.manifest.json`: the
 * app version, migration level, row count per table and the SHA-256 of the dump.
 * The counts and the dump come from one snapshot (pg_dump `--snapshot`, exported by
 * a REPEATABLE READ transaction held open while it runs).
 */
export const PG_DUMP_FORMAT = "cascade-pg_dump";
export const PG_DUMP_FORMAT_VERSION = 1;
const MAGIC = "PGDMP";

export interface PgDumpManifest {
  format: typeof PG_DUMP_FORMAT;
  formatVersion: number;
  appVersion: string;
  engine: "postgres";
  migrationLevel: string;
  createdAt: string;
  /** The file name of the dump this manifest describes (beside it). */
  dump: string;
  sha256: string;
  tables: BackupTable[];
}

export const manifestPathOf = (file: string) => `${file}.manifest.json`;

/** Whether FILE starts with pg_dump's custom-format magic. */
export function isPgDumpFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const head = Buffer.alloc(MAGIC.length);
    fs.readSync(fd, head, 0, MAGIC.length, 0);
    return head.toString("latin1") === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The connection for pg_dump/pg_restore: the URL without its password, which goes in PGPASSWORD (not on the command line). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs one of PostgreSQL's tools; a clear error when it is not installed. */
async function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new BackupFileError(
              `${tool} is not installed (or not on PATH): install PostgreSQL's client tools (e.g. apt install postgresql-client) at the server's major version, or use the default format.`,
            )
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupFileError(`${tool} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("error", reject)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * Writes FILE with `pg_dump -Fc` and its manifest beside it, both under `.partial`
 * names until complete. Writes a `backup.created` audit row, as the default format does.
 */
export async function writePgDumpBackup(
  source: { db: Kysely<DB>; url: string; version: string },
  file: string,
  options: { now: Date; actorUserId?: string | null; reason: string },
): Promise<PgDumpManifest> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  const { dbname, env } = connection(source.url);
  try {
    const manifest = await source.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx))
          .rows[0]?.id;
        if (!snapshot) throw new Error("PostgreSQL exported no snapshot.");
        const migrationLevel = await latestMigration(trx);
        if (!migrationLevel)
          throw new Error("The database has no migrations applied: nothing to back up.");
        const tables = [];
        for (const name of await tablesInForeignKeyOrder(trx)) {
          tables.push({ name, rows: await countRows(trx, name) });
        }
        await run(
          "pg_dump",
          [
            "-Fc",
            "--no-owner",
            "--no-privileges",
            `--snapshot=${snapshot}`,
            "-f",
            partial,
            `--dbname=${dbname}`,
          ],
          env,
        );
        fs.chmodSync(partial, 0o600);
        const dumped: PgDumpManifest = {
          format: PG_DUMP_FORMAT,
          formatVersion: PG_DUMP_FORMAT_VERSION,
          appVersion: source.version,
          engine: "postgres",
          migrationLevel,
          createdAt: options.now.toISOString(),
          dump: path.basename(file),
          sha256: await sha256OfFile(partial),
          tables,
        };
        return dumped;
      });
    fs.writeFileSync(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    fs.renameSync(partial, file);
    await recordAudit(source.db, options.now, {
      action: "backup.created",
      actorUserId: options.actorUserId ?? null,
      details: {
        reason: options.reason,
        format: "pg_dump",
        migrationLevel: manifest.migrationLevel,
        rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
        sha256: manifest.sha256,
      },
    });
    return manifest;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** Reads and checks the sidecar manifest and the dump's checksum; changes nothing. */
export async function verifyPgDumpFile(file: string): Promise<PgDumpManifest> {
  const manifestFile = manifestPathOf(file);
  if (!fs.existsSync(manifestFile)) {
    throw new BackupFileError(
      `${file} is a pg_dump file without its manifest (${manifestFile}): Cascade restores a dump only with the manifest it wrote beside it. Nothing was restored.`,
    );
  }
  let manifest: Partial<PgDumpManifest>;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Partial<PgDumpManifest>;
  } catch {
    throw new BackupFileError(`The manifest ${manifestFile} is damaged: it is not JSON.`);
  }
  if (manifest.format !== PG_DUMP_FORMAT || manifest.formatVersion !== PG_DUMP_FORMAT_VERSION) {
    throw new BackupFileError(`${manifestFile} is not a Cascade pg_dump manifest.`);
  }
  if (typeof manifest.migrationLevel !== "string" || typeof manifest.sha256 !== "string") {
    throw new BackupFileError(`The manifest ${manifestFile} is incomplete.`);
  }
  if ((await sha256OfFile(file)) !== manifest.sha256) {
    throw new BackupFileError(
      `The backup file ${file} fails its checksum: its contents are not what was written. Nothing was restored.`,
    );
  }
  return manifest as PgDumpManifest;
}

/**
 * Restores a pg_dump backup into the PostgreSQL database at `url` (as the schema's
 * owner; `db` is a connection to the same database). The manifest, checksum,
 * migration level and an in-use target are checked first, so a refusal changes
 * nothing; then `pg_restore --clean --if-exists --single-transaction`, the schema is
 * migrated on to this app's level, and a `backup.restored` audit row is written.
 */
export async function restorePgDump(
  target: { db: Kysely<DB>; url: string },
  file: string,
  options: { replace: boolean; now: Date },
): Promise<{ manifest: PgDumpManifest; rows: number; migratedAfter: string[] }> {
  const manifest = await verifyPgDumpFile(file);
  checkMigrationLevel(manifest, file);
  if (!options.replace) {
    const inUse = await tablesInUse(target.db);
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
  const { dbname, env } = connection(target.url);
  await run(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
  const migratedAfter = await migrateToLatest(target.db);
  await recordAudit(target.db, options.now, {
    action: "backup.restored",
    actorUserId: null,
    details: {
      format: "pg_dump",
      migrationLevel: manifest.migrationLevel,
      createdAt: manifest.createdAt,
      sha256: manifest.sha256,
    },
  });
  return {
    manifest,
    rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
    migratedAfter,
  };
}
