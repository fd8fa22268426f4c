import { type Kysely, sql } from "kysely";

/**
 * A school leader may open an assessment point for data before it begins (a
 * test sat early, a baseline taken in the last week of term). Who opened it
 * and when is kept on the point; the audit log keeps the event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table assessment_points
      add column opened_early_at timestamptz,
      add column opened_early_by uuid references users (id),
      add constraint assessment_points_opened_early_both
        check ((opened_early_at is null) = (opened_early_by is null));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table assessment_points
      drop constraint assessment_points_opened_early_both,
      drop column opened_early_by,
      drop column opened_early_at;
  `.execute(db);
}
