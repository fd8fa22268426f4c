import { sql } from "kysely";
import type { Database } from "../../src/db/database.ts";

/** Tables whose rows record activity rather than business state. */
const ACTIVITY_TABLES = new Set([
  "audit_events",
  "audit_chain_head",
  "sessions",
  "sign_in_throttle",
  "sign_in_links",
  "kysely_migration",
  "kysely_migration_lock",
]);

/**
 * One digest of every business table, to prove a refused request changed nothing.
 * Works the same on PGlite and PostgreSQL.
 */
export async function businessDigest(database: Database): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
    database.db,
  );
  const digest: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    if (ACTIVITY_TABLES.has(table_name)) continue;
    const row = await sql<{ d: string | null }>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from ${sql.table(table_name)} t`.execute(
      database.db,
    );
    digest[table_name] = row.rows[0]?.d ?? "";
  }
  return digest;
}
