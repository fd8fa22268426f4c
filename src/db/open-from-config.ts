import type { Config } from "../config.ts";
import { type Database, openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export async function openConfiguredDatabase(
  config: Config,
  options: { migrate: boolean },
): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ engine: "postgres", url: config.databaseUrl })
    : await openDatabase({ engine: "pglite", dataDir: config.dataDir });
  if (options.migrate) {
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
