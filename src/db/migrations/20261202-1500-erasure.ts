import { type Kysely, sql } from "kysely";

/**
 * One erasure (issue #15): a pupil is erased by deleting their rows, never by
 * a tombstone (see src/server/data-protection/erase-pupil.ts for why).
 * The tombstones earlier retention runs left go the same way: their
 * pseudonyms are retired (codes only), any row still pointing at them is
 * deleted, then the rows themselves. `erased_at` goes, so no tombstone can be
 * made again, and the UPN check no longer has an exception for one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into retired_pseudonyms (programme_year_id, code, retired_at)
      select p.programme_year_id, p.code, pupils.erased_at
      from pseudonyms p join pupils on pupils.id = p.pupil_id
      where pupils.erased_at is not null
      on conflict do nothing;
    delete from pseudonyms where pupil_id in (select id from pupils where erased_at is not null);
    delete from import_changes
      where (entity = 'pupil' and entity_id in (select id from pupils where erased_at is not null))
         or (entity = 'observation' and entity_id in (
              select o.id from observations o join pupils on pupils.id = o.pupil_id
              where pupils.erased_at is not null));
    delete from observations where pupil_id in (select id from pupils where erased_at is not null);
    delete from cohort_members where pupil_id in (select id from pupils where erased_at is not null);
    delete from strategy_participants where pupil_id in (select id from pupils where erased_at is not null);
    delete from record_changes where pupil_id in (select id from pupils where erased_at is not null);
    delete from pupils where erased_at is not null;
    alter table pupils drop constraint pupils_upn_check;
    alter table pupils drop column erased_at;
    alter table pupils add constraint pupils_upn_check check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table pupils drop constraint pupils_upn_check;
    alter table pupils add column erased_at timestamptz;
    alter table pupils add constraint pupils_upn_check
      check (erased_at is not null or upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$');
  `.execute(db);
}
