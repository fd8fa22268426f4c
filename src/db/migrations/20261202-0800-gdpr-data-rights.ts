import { type Kysely, sql } from "kysely";

/**
 * UK GDPR rights as features (issue #15, items 4–6).
 *
 * record_changes is the rectification history: one row per field changed in a
 * pupil's record or per observation value corrected or cleared, with the old
 * and new value, who and when, and how (an edit, an import, an import undone).
 * It holds personal data about the pupil (old names, old values), so erasing the
 * pupil deletes their rows; it has no foreign key to pupils so that erasure can
 * delete in any order.
 *
 * retired_pseudonyms keeps the codes of erased pupils, per programme year, so a
 * code once given to a pupil is never given to another (the pseudonyms rows
 * themselves go with the pupil).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table record_changes (
      id bigserial primary key,
      pupil_id uuid not null,
      entity text not null check (entity in ('pupil', 'observation')),
      field text not null,
      measure_id uuid,
      assessment_point_id uuid,
      old_value text,
      new_value text,
      source text not null check (source in ('edit', 'import', 'undo')),
      changed_by uuid references users (id),
      changed_at timestamptz not null
    );
    create index record_changes_pupil on record_changes (pupil_id, changed_at);

    create table retired_pseudonyms (
      programme_year_id uuid not null references programme_years (id),
      code text not null,
      retired_at timestamptz not null,
      primary key (programme_year_id, code)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table retired_pseudonyms;
    drop table record_changes;
  `.execute(db);
}
