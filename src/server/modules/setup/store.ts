import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { countUsers } from "../users/store.ts";

/** How far Cascade is set up: how many accounts it has. */
export async function setupState(db: Kysely<DB>): Promise<{ users: number }> {
  return { users: await countUsers(db) };
}

/**
 * The same, inside the caller's transaction, with the users table locked so
 * that two simultaneous setups queue: the second sees the first's user.
 */
export async function lockedSetupState(trx: Kysely<DB>): Promise<{ users: number }> {
  await sql`lock table users in share row exclusive mode`.execute(trx);
  return setupState(trx);
}
