import { type Kysely, sql } from "kysely";

/**
 * How each session was signed in (a password, a one-time link, a password with a
 * second factor, single sign-on…), so a person's list of their own sessions can say
 * it and a second-factor policy can tell a session that has passed one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column method text not null default 'password'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions drop column method`.execute(db);
}
