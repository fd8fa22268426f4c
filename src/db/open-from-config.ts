import type { Config } from "../config.ts";
import { type Database, openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { grantRuntimeRole, roleOfUrl } from "./runtime-role.ts";

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export async function openConfiguredDatabase(
  config: Config,
  options: { migrate: boolean },
): Promise<Database> {
  if (options.migrate && config.databaseUrl && config.databaseMigrationUrl) {
    await migrateAsOwner(config);
    return openDatabase({ engine: "postgres", url: config.databaseUrl });
  }
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

/**
 * Two-role PostgreSQL: migrations run as the owner (DATABASE_MIGRATION_URL), which
 * then grants the runtime role (DATABASE_URL's user) its rights. Returns the names
 * of the migrations applied.
 */
export async function migrateAsOwner(config: Config): Promise<string[]> {
  if (!config.databaseUrl || !config.databaseMigrationUrl) {
    throw new Error("migrateAsOwner needs DATABASE_URL and DATABASE_MIGRATION_URL");
  }
  const owner = await openDatabase({ engine: "postgres", url: config.databaseMigrationUrl });
  try {
    const applied = await migrateToLatest(owner.db);
    const runtime = roleOfUrl(config.databaseUrl);
    if (runtime !== roleOfUrl(config.databaseMigrationUrl)) {
      await grantRuntimeRole(owner.db, runtime);
    }
    return applied;
  } finally {
    await owner.close();
  }
}

export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  const where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  return config.databaseMigrationUrl ? `${where} as role ${roleOfUrl(config.databaseUrl)}` : where;
}
