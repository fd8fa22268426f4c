import { type Kysely, sql } from "kysely";

/**
 * The network learns (issue 16): case studies written from an evaluated
 * strategy, and the resource library (files or links, reading lists, a
 * school's shelf). Neither holds pupil-level data: a case study keeps the
 * strategy's aggregate facts as drafted (`facts`), and the columns the library
 * filters on are copied from them. Text search uses PostgreSQL's own English
 * configuration, which the embedded engine has too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_studies (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools (id),
      strategy_id uuid references strategies (id) on delete set null,
      cluster_id uuid references clusters (id),
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'changes_requested', 'published', 'withdrawn')),
      audience text check (audience in ('cluster', 'network')),
      show_school_name boolean not null default false,
      title text not null check (length(title) between 1 and 200),
      facts jsonb not null,
      learned text not null default '',
      differently text not null default '',
      advice text not null default '',
      quote text not null default '',
      theme_id uuid references programme_themes (id),
      eef_strand_id uuid references eef_strands (id),
      phase text,
      year_groups text[] not null default '{}',
      cost_band text,
      effect_size double precision,
      design text,
      pupils integer,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      submitted_at timestamptz,
      published_at timestamptz,
      published_by uuid references users (id),
      withdrawn_at timestamptz,
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', learned || ' ' || differently || ' ' || advice || ' ' || quote), 'B') ||
        setweight(to_tsvector('english', coalesce(facts ->> 'searchText', '')), 'C')
      ) stored
    );
    create index case_studies_search on case_studies using gin (search_vector);
    create index case_studies_school on case_studies (school_id);
    create index case_studies_status on case_studies (status, published_at);

    create table case_study_events (
      id uuid primary key default gen_random_uuid(),
      case_study_id uuid not null references case_studies (id) on delete cascade,
      kind text not null
        check (kind in ('created', 'submitted', 'comment', 'changes_requested', 'published', 'withdrawn')),
      body text not null default '',
      author_id uuid references users (id),
      created_at timestamptz not null
    );
    create index case_study_events_study on case_study_events (case_study_id, created_at);

    create table resources (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '',
      kind text not null
        check (kind in ('planning_tool', 'data_tracking_tool', 'reading', 'research_summary', 'template')),
      url text,
      file_name text,
      content_type text,
      size_bytes integer,
      content bytea,
      workshop_id uuid references workshops (id) on delete set null,
      workshop_material_id uuid unique references workshop_materials (id) on delete cascade,
      audience text[] not null default '{}',
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      archived_at timestamptz,
      check ((url is null) <> (content is null) or workshop_material_id is not null),
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', summary), 'B')
      ) stored
    );
    create index resources_search on resources using gin (search_vector);

    create table resource_themes (
      resource_id uuid not null references resources (id) on delete cascade,
      theme_id uuid not null references programme_themes (id),
      primary key (resource_id, theme_id)
    );

    create table reading_lists (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '',
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table reading_list_items (
      reading_list_id uuid not null references reading_lists (id) on delete cascade,
      resource_id uuid not null references resources (id) on delete cascade,
      position integer not null,
      note text not null default '',
      primary key (reading_list_id, resource_id)
    );

    create table school_shelf (
      school_id uuid not null references schools (id),
      resource_id uuid not null references resources (id) on delete cascade,
      saved_by uuid references users (id),
      saved_at timestamptz not null,
      primary key (school_id, resource_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table school_shelf;
    drop table reading_list_items;
    drop table reading_lists;
    drop table resource_themes;
    drop table resources;
    drop table case_study_events;
    drop table case_studies;
  `.execute(db);
}
