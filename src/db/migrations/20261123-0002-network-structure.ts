import { type Kysely, sql } from "kysely";

/**
 * The network's structure: hubs and schools; programmes (templates as data)
 * with their themes and workshop plans; programme years, clusters, trios,
 * enrolments and each enrolled school's team.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hubs (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      archived_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index hubs_name_key on hubs (lower(name));

    create table schools (
      id uuid primary key default gen_random_uuid(),
      urn text not null unique check (urn ~ '^[0-9]{6}$'),
      name text not null,
      phase text not null check (phase in ('primary', 'secondary', 'special', 'all_through')),
      local_authority text not null,
      postcode text not null,
      hub_id uuid references hubs (id),
      short_code text not null unique check (short_code ~ '^[A-Z]{3}$'),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index schools_hub_id on schools (hub_id);

    create table programmes (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      description text not null default '',
      template_key text,
      created_at timestamptz not null default now()
    );
    create unique index programmes_name_key on programmes (lower(name));

    create table programme_themes (
      id uuid primary key default gen_random_uuid(),
      programme_id uuid not null references programmes (id) on delete cascade,
      position int not null,
      key text not null,
      name text not null,
      description text not null default '',
      unique (programme_id, position),
      unique (programme_id, key)
    );

    create table programme_workshops (
      id uuid primary key default gen_random_uuid(),
      programme_id uuid not null references programmes (id) on delete cascade,
      position int not null,
      month int not null check (month between 1 and 12),
      title text not null,
      focus text not null default '',
      theme_id uuid references programme_themes (id),
      unique (programme_id, position)
    );

    create table programme_years (
      id uuid primary key default gen_random_uuid(),
      programme_id uuid not null references programmes (id),
      academic_year text not null check (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      starts_on date not null,
      ends_on date not null,
      created_at timestamptz not null default now(),
      unique (programme_id, academic_year)
    );

    create table clusters (
      id uuid primary key default gen_random_uuid(),
      programme_year_id uuid not null references programme_years (id),
      name text not null,
      facilitation_school_id uuid not null references schools (id),
      created_at timestamptz not null default now()
    );
    create unique index clusters_name_key on clusters (programme_year_id, lower(name));

    create table trios (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      name text not null,
      created_at timestamptz not null default now()
    );
    create unique index trios_name_key on trios (cluster_id, lower(name));

    create table enrolments (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      programme_year_id uuid not null references programme_years (id),
      cluster_id uuid not null references clusters (id),
      trio_id uuid references trios (id),
      trio_role text check (trio_role in ('lead', 'accelerator')),
      created_at timestamptz not null default now(),
      -- One cluster per school per programme year.
      unique (school_id, programme_year_id),
      constraint enrolments_trio_shape check ((trio_id is null) = (trio_role is null))
    );
    create index enrolments_cluster_id on enrolments (cluster_id);
    -- Exactly one lead school per trio (accelerators are counted by the store, under a lock).
    create unique index enrolments_one_lead_per_trio on enrolments (trio_id) where trio_role = 'lead';

    create table team_members (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolments (id),
      user_id uuid not null references users (id),
      team_role text not null check (team_role in ('leader', 'teacher', 'para_professional')),
      subject text,
      created_at timestamptz not null default now(),
      unique (enrolment_id, user_id)
    );

    alter table invitations
      add column team_enrolment_id uuid references enrolments (id),
      add column subject text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invitations drop column team_enrolment_id, drop column subject;
    drop table team_members;
    drop table enrolments;
    drop table trios;
    drop table clusters;
    drop table programme_years;
    drop table programme_workshops;
    drop table programme_themes;
    drop table programmes;
    drop table schools;
    drop table hubs;
  `.execute(db);
}
