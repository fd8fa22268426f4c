import { type Kysely, sql } from "kysely";

/**
 * A case study's review steps in the order they happened: two steps in the same
 * instant (one request, or a fixed clock) still keep their order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_study_events add column seq bigint generated always as identity;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_study_events drop column seq;`.execute(db);
}
