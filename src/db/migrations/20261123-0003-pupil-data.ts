import { type Kysely, sql } from "kysely";

/**
 * Pupil data: pupils, each school's measures (copied from the built-in
 * catalogue, then editable), assessment points, observations, and the record
 * of every import so that one can be undone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table schools
      add column disadvantage_rule text not null default 'pupil_premium'
        check (disadvantage_rule in ('pupil_premium', 'fsm', 'ever6_fsm', 'pupil_premium_or_looked_after'));

    create table pupils (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      upn text not null check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      upn_temporary boolean not null default false,
      legal_first_name text not null,
      preferred_first_name text,
      last_name text not null,
      date_of_birth date not null,
      gender text check (gender in ('F', 'M', 'X')),
      year_group text not null check (year_group in ('R','1','2','3','4','5','6','7','8','9','10','11','12','13')),
      pupil_premium boolean not null default false,
      fsm boolean not null default false,
      ever6_fsm boolean not null default false,
      looked_after boolean not null default false,
      previously_looked_after boolean not null default false,
      sen_status text not null default 'N' check (sen_status in ('N', 'K', 'E')),
      eal boolean not null default false,
      service_child boolean not null default false,
      other_intervention boolean not null default false,
      left_on date,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (school_id, upn)
    );
    create index pupils_school_year on pupils (school_id, year_group);

    create table measures (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      key text not null,
      name text not null,
      kind text not null check (kind in ('attainment', 'attendance', 'behaviour', 'theme', 'other')),
      scale text not null check (scale in ('ordinal', 'numeric', 'percentage', 'count', 'rating')),
      min numeric not null,
      max numeric not null,
      expected numeric,
      higher_is_better boolean not null default true,
      levels jsonb not null default '[]'::jsonb,
      subject text,
      core boolean not null default false,
      decimals int not null default 0 check (decimals between 0 and 3),
      built_in boolean not null default false,
      national_disadvantaged_pct numeric check (national_disadvantaged_pct between 0 and 100),
      national_other_pct numeric check (national_other_pct between 0 and 100),
      position int not null default 0,
      archived_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      unique (school_id, key),
      check (min < max)
    );

    create table assessment_points (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      academic_year text not null check (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      name text not null,
      starts_on date not null,
      ends_on date not null,
      created_at timestamptz not null default now(),
      unique (school_id, academic_year, name),
      check (starts_on <= ends_on)
    );
    create index assessment_points_school on assessment_points (school_id, starts_on);

    create table imports (
      id uuid primary key default gen_random_uuid(),
      -- Orders imports exactly, even two in the same millisecond: "later" means a higher seq.
      seq bigint generated always as identity unique,
      school_id uuid not null references schools (id),
      kind text not null check (kind in ('pupils', 'observations')),
      file_name text not null,
      rows int not null,
      created int not null default 0,
      updated int not null default 0,
      unchanged int not null default 0,
      created_by uuid references users (id),
      created_at timestamptz not null,
      undone_at timestamptz,
      undone_by uuid references users (id)
    );
    create index imports_school on imports (school_id, created_at);

    create table observations (
      id uuid primary key default gen_random_uuid(),
      pupil_id uuid not null references pupils (id),
      measure_id uuid not null references measures (id),
      assessment_point_id uuid not null references assessment_points (id),
      value numeric not null,
      -- Provenance: who recorded the value, the import that last wrote it and the one
      -- that created it (for undo). Users and imports are never deleted, so these
      -- carry no foreign keys: a year's import checks three keys per value, not six.
      recorded_by uuid,
      recorded_at timestamptz not null,
      import_id uuid,
      created_import_id uuid,
      unique (pupil_id, measure_id, assessment_point_id)
    );
    create index observations_created_import on observations (created_import_id) where created_import_id is not null;
    create index observations_point on observations (assessment_point_id, measure_id);

    -- What each import changed, so it can be undone exactly: the row before (null
    -- when the import created it) and after. Observations an import created are
    -- found by observations.created_import_id instead, so a first import of a
    -- whole year writes each value once.
    create table import_changes (
      id bigint generated always as identity primary key,
      import_id uuid not null references imports (id),
      entity text not null check (entity in ('pupil', 'observation')),
      entity_id uuid not null,
      before jsonb,
      after jsonb not null
    );
    create index import_changes_import on import_changes (import_id);
    create index import_changes_entity on import_changes (entity, entity_id);

    -- The column mapping a school last confirmed, per kind of file.
    create table import_mappings (
      school_id uuid not null references schools (id),
      kind text not null check (kind in ('pupils', 'observations')),
      mapping jsonb not null,
      updated_at timestamptz not null,
      primary key (school_id, kind)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table import_mappings;
    drop table import_changes;
    drop table observations;
    drop table imports;
    drop table assessment_points;
    drop table measures;
    drop table pupils;
    alter table schools drop column disadvantage_rule;
  `.execute(db);
}
