import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import { migrations } from "./migrations/index.ts";
import { seedReferenceData } from "./reference-data.ts";

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. Each migration runs in its own transaction on
 * both engines, so a failure leaves the previous version intact; a database
 * that has migrations this build does not know is refused.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(
      failed
        ? `Migration ${failed.migrationName} failed: ${reason}`
        : `Migrations failed: ${reason}`,
    );
  }
  await seedReferenceData(db);
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
