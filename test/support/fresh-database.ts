import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { postgresUrl, type TestEngine, withDatabase } from "./engines.ts";

/**
 * A new, empty database (no tables, no migrations) on one connection, as a restore
 * needs: an in-memory PGlite, or a new PostgreSQL database dropped on close.
 */
export async function openEmptyDatabase(engine: TestEngine): Promise<Database> {
  if (engine === "pglite") return openDatabase({ engine: "pglite-memory" });
  const name = `cascade_restore_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({
    engine: "postgres",
    url: withDatabase(postgresUrl(), name),
    poolSize: 1,
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
