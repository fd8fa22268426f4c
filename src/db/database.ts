import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { DB } from "./schema.ts";
import { walFlusher } from "./wal-sync.ts";

export type Engine = "pglite" | "postgres";

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Flush everything to disk and release the database; safe to call twice. */
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tar archive (tests start from it; backups use it). */
  dumpDataDir?: () => Promise<Blob>;
}

export type DatabaseOptions =
  | { engine: "postgres"; url: string; poolSize?: number }
  | { engine: "pglite"; dataDir: string }
  /** An in-memory PGlite, optionally started from a dumped data directory (tests). */
  | { engine: "pglite-memory"; loadDataDir?: Blob };

// Both engines hand back the same JavaScript types: counts and ids as numbers,
// dates (without time) as ISO strings, never as Dates shifted by a time zone.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseNumber = (value: string) => Number(value);
const keepString = (value: string) => value;

function pgTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === INT8 || oid === NUMERIC) return parseNumber;
      if (oid === DATE) return keepString;
      return types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig["getTypeParser"],
  };
}

const pgliteParsers = { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: keepString };

export class DatabaseStartError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === "postgres") {
    // Loaded only for PostgreSQL: the embedded database's start does not pay for it.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      types: pgTypes(pg.types),
    });
    // An idle connection the server drops (a restart, a terminated backend) must not
    // take the process down: the pool opens a fresh one for the next query.
    pool.on("error", () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    let closed = false;
    return {
      db,
      engine: "postgres",
      async close() {
        if (closed) return;
        closed = true;
        await db.destroy();
      },
    };
  }

  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  let afterCommit: (() => Promise<void>) | undefined;
  if (options.engine === "pglite") {
    lock = acquireDataDirLock(options.dataDir);
    const pgdata = path.join(options.dataDir, "pgdata");
    const existed = fs.existsSync(path.join(pgdata, "PG_VERSION"));
    try {
      pglite = await PGlite.create({ dataDir: pgdata, parsers: pgliteParsers });
    } catch (error) {
      lock.release();
      throw new DatabaseStartError(
        existed
          ? `The embedded database in ${pgdata} could not be opened (${(error as Error).message}). ` +
              "It has not been changed. Restore the latest backup of that directory " +
              "(or move it aside to start afresh) and start again."
          : `The embedded database could not be created in ${pgdata}: ${(error as Error).message}`,
      );
    }
    afterCommit = walFlusher(pglite, pgdata);
  } else {
    pglite = await PGlite.create({
      parsers: pgliteParsers,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  }

  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, afterCommit) });
  let closed = false;
  return {
    db,
    engine: "pglite",
    dumpDataDir: async () => {
      await pglite.query("checkpoint");
      return pglite.dumpDataDir("none");
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!pglite.closed) {
          // A checkpoint before close means the next start need not replay the WAL.
          await pglite.query("checkpoint");
          await pglite.close();
        }
      } finally {
        lock?.release();
      }
    },
  };
}
