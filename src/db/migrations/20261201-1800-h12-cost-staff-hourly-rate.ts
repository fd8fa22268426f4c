import { type Kysely, sql } from "kysely";

/**
 * The hourly cost of a school's staff time, which a leader sets, so a
 * strategy's staff hours can be costed beside its direct cost (issue 12,
 * cost-effectiveness). Null until set: staff hours then stay uncosted and the
 * comparison says so. Pounds and pence, more than nothing and at most £250.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table schools add column staff_hourly_rate numeric(7, 2)
      check (staff_hourly_rate > 0 and staff_hourly_rate <= 250);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table schools drop column staff_hourly_rate;`.execute(db);
}
