import { type Kysely, sql } from "kysely";

/**
 * Data versions (issue #18): a token per school and per cluster that changes in
 * the same transaction as every write to what a matrix of it shows. A server
 * keeps a built matrix only as long as the tokens it was built under are still
 * the database's, so two app servers and the CLI importer never serve a stale
 * picture.
 *
 * The bumps are statement-level triggers, so every write path is caught (the
 * stores, the imports, the CLI, the demo loader, erasure, retention) at one
 * row update per school per statement, however many rows the statement wrote.
 * The token is random, not a counter: a restore brings back the data and its
 * token together, and no later write can make a token an earlier one had.
 */

/** Each table's rows → the (kind, id) scopes they belong to; `rows` is the transition table. */
const SCOPES_OF: Record<string, (rows: string) => string> = {
  // An import writes tens of thousands of observations in one statement: take the
  // few distinct pupils and measures first, then look their schools up by key.
  observations: (rows) => `
    select 'school'::text as kind, p.school_id as id from pupils p
      where p.id in (select distinct pupil_id from ${rows})
    union select 'school', m.school_id from measures m
      where m.id in (select distinct measure_id from ${rows})`,
  pupils: (rows) => `select 'school'::text as kind, r.school_id as id from ${rows} r`,
  cohort_members: (rows) => `
    select 'school'::text as kind, e.school_id as id from enrolments e
      where e.id in (select distinct enrolment_id from ${rows})`,
  pseudonyms: (rows) => `
    select 'school'::text as kind, p.school_id as id from pupils p
      where p.id in (select distinct pupil_id from ${rows})`,
  measures: (rows) => `select 'school'::text as kind, r.school_id as id from ${rows} r`,
  assessment_points: (rows) => `select 'school'::text as kind, r.school_id as id from ${rows} r`,
  matrix_settings: (rows) => `select r.scope_type as kind, r.scope_id as id from ${rows} r`,
  enrolments: (rows) => `
    select 'school'::text as kind, r.school_id as id from ${rows} r
    union select 'cluster', r.cluster_id from ${rows} r`,
  schools: (rows) => `select 'school'::text as kind, r.id as id from ${rows} r`,
};

const bump = (scopes: string) => `
      insert into data_versions (scope_kind, scope_id, version)
        select s.kind, s.id, gen_random_uuid()
        from (select distinct kind, id from (${scopes}) u where id is not null) s
        order by s.kind, s.id
      on conflict (scope_kind, scope_id) do update set version = excluded.version;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table data_versions (
      scope_kind text not null check (scope_kind in ('school', 'cluster')),
      scope_id uuid not null,
      version uuid not null,
      primary key (scope_kind, scope_id)
    );
  `.execute(db);
  for (const [table, scopesOf] of Object.entries(SCOPES_OF)) {
    const fn = `data_versions_after_${table}`;
    await sql
      .raw(`
    create function ${fn}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then ${bump(scopesOf("new_rows"))}
      elsif tg_op = 'DELETE' then ${bump(scopesOf("old_rows"))}
      else ${bump(`${scopesOf("new_rows")} union ${scopesOf("old_rows")}`)}
      end if;
      return null;
    end $$;
    create trigger ${table}_version_insert after insert on ${table}
      referencing new table as new_rows for each statement execute function ${fn}();
    create trigger ${table}_version_update after update on ${table}
      referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();
    create trigger ${table}_version_delete after delete on ${table}
      referencing old table as old_rows for each statement execute function ${fn}();
  `)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(SCOPES_OF)) {
    await sql
      .raw(`
    drop trigger ${table}_version_insert on ${table};
    drop trigger ${table}_version_update on ${table};
    drop trigger ${table}_version_delete on ${table};
    drop function data_versions_after_${table}();
  `)
      .execute(db);
  }
  await sql`drop table data_versions`.execute(db);
}
