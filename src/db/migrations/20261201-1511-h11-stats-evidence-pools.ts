import { type Kysely, sql } from "kysely";

/**
 * Shared results pool only like with like (issue 11): each records its outcome
 * family (the measure's kind: attainment, attendance, behaviour, theme, other)
 * and the period's dates, and months become nullable because they apply only to
 * attainment with a comparison group. Existing rows take their measure's kind
 * by name within their school (else "other"), and lose months that should
 * never have been given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table shared_results add column measure_kind text not null default 'other';
    alter table shared_results add column period_ends_on date;
    alter table shared_results alter column months drop not null;
    update shared_results sr set measure_kind = m.kind
      from measures m
      where m.school_id = sr.school_id and m.name = sr.measure_name;
    update shared_results set months = null
      where comparison = 'none' or measure_kind <> 'attainment';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update shared_results set months = 0 where months is null;
    alter table shared_results alter column months set not null;
    alter table shared_results drop column period_ends_on;
    alter table shared_results drop column measure_kind;
  `.execute(db);
}
