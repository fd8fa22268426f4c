import { type Kysely, sql } from "kysely";

/**
 * How much of a school's named pupil data its para-professionals see. `working`
 * (the default): the pupils they work with, without the poverty flags (pupil
 * premium, FSM, ever-6 FSM, disadvantaged). `whole_school`: every pupil and every
 * flag, as teachers see them; only the school's leaders widen it, and it is audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table schools
      add column para_pupil_access text not null default 'working'
        check (para_pupil_access in ('working', 'whole_school'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table schools drop column para_pupil_access;`.execute(db);
}
