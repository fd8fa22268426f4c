import { type Kysely, sql } from "kysely";

/** Tables the runtime role may add to but never change: history. */
const APPEND_ONLY = ["audit_events"];
/** Tables only the migration owner (and its triggers) writes; the first the app may read. */
const READ_ONLY = ["audit_chain_head", "audit_chain_anchor"];
const OWNER_ONLY = ["kysely_migration", "kysely_migration_lock"];

/** The role a PostgreSQL connection string signs in as. */
export function roleOfUrl(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error("DATABASE_URL names no user, so its role cannot be granted rights.");
  return user;
}

/**
 * Gives the app's runtime role exactly what it needs, run by the migration owner
 * after migrating: reading and writing business tables, adding to and reading the
 * audit log, and nothing else. It owns no table, so it cannot alter one, disable
 * a trigger or drop anything; rights on tables a later migration adds follow the
 * next run. Safe to run again.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function grantRuntimeRole(db: Kysely<any>, role: string): Promise<void> {
  const who = sql.id(role);
  await sql`grant usage on schema public to ${who}`.execute(db);
  await sql`revoke create on schema public from ${who}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${who}`.execute(
    db,
  );
  await sql`grant usage, select on all sequences in schema public to ${who}`.execute(db);
  for (const table of APPEND_ONLY) {
    await sql`revoke update, delete, truncate, references, trigger on ${sql.table(table)} from ${who}`.execute(
      db,
    );
  }
  for (const table of READ_ONLY) {
    await sql`revoke all on ${sql.table(table)} from ${who}`.execute(db);
    await sql`grant select on ${sql.table(table)} to ${who}`.execute(db);
  }
  for (const table of OWNER_ONLY) {
    await sql`revoke all on ${sql.table(table)} from ${who}`.execute(db);
  }
}
