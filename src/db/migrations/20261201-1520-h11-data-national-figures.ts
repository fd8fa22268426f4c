import { type Kysely, sql } from "kysely";

/**
 * National figures for the gap dashboard: the DfE's published attainment of
 * disadvantaged pupils and their peers in England, as dated reference rows with
 * their source and status (provisional, revised, final). Administrators add
 * newer years; a school maps one of its measures to a national measure so the
 * dashboard can show the national figures beside its own. The disadvantage gap
 * index is stored as national context only: Cascade never computes it for a school.
 *
 * The rows are those of reference/national-figures.md, read on 1 Dec 2026.
 */
const KS2 = {
  source: "DfE, Explore Education Statistics: Key stage 2 attainment",
  url: "https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-2-attainment",
};
const KS4 = {
  source: "DfE, Explore Education Statistics: Key stage 4 performance",
  url: "https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-4-performance",
};
const READ_ON = "2026-12-01";

const MEASURES = [
  [
    "ks2-rwm-expected",
    "KS2 reading, writing and maths at the expected standard",
    "ks2",
    "attainment",
    "percent",
  ],
  [
    "ks2-rwm-higher",
    "KS2 reading, writing and maths at the higher standard",
    "ks2",
    "attainment",
    "percent",
  ],
  ["ks4-attainment-8", "KS4 Attainment 8 (average score)", "ks4", "attainment", "points"],
  [
    "ks4-english-maths-4",
    "KS4 grade 4 or above in English and maths",
    "ks4",
    "attainment",
    "percent",
  ],
  [
    "ks4-english-maths-5",
    "KS4 grade 5 or above in English and maths",
    "ks4",
    "attainment",
    "percent",
  ],
  ["ks2-gap-index", "KS2 disadvantage gap index", "ks2", "gap_index", "index"],
  ["ks4-gap-index", "KS4 disadvantage gap index", "ks4", "gap_index", "index"],
] as const;

type Figure = [
  key: string,
  year: string,
  disadvantaged: number | null,
  other: number | null,
  all: number | null,
  gap: number | null,
  status: "provisional" | "revised" | "final",
];

const FIGURES: Figure[] = [
  ["ks2-rwm-expected", "2023/24", 46, 67, 61, null, "revised"],
  ["ks2-rwm-expected", "2024/25", 47, 69, 62, null, "provisional"],
  ["ks2-rwm-higher", "2024/25", 4, 11, null, null, "provisional"],
  ["ks4-attainment-8", "2018/19", 36.7, 50.3, null, null, "final"],
  ["ks4-english-maths-4", "2018/19", 44.7, 71.8, null, null, "final"],
  ["ks4-english-maths-4", "2022/23", 43.1, 72.6, null, null, "final"],
  ["ks4-attainment-8", "2023/24", null, null, null, 15.5, "final"],
  ["ks4-english-maths-5", "2023/24", null, null, null, 27.3, "final"],
  ["ks2-gap-index", "2018/19", null, null, null, 2.91, "final"],
  ["ks2-gap-index", "2021/22", null, null, null, 3.23, "final"],
  ["ks2-gap-index", "2022/23", null, null, null, 3.21, "final"],
  ["ks2-gap-index", "2023/24", null, null, null, 3.13, "revised"],
  ["ks2-gap-index", "2024/25", null, null, null, 3.14, "provisional"],
  ["ks4-gap-index", "2018/19", null, null, null, 3.7, "final"],
  ["ks4-gap-index", "2021/22", null, null, null, 3.84, "final"],
  ["ks4-gap-index", "2022/23", null, null, null, 3.94, "final"],
  ["ks4-gap-index", "2023/24", null, null, null, 3.92, "final"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table national_measures (
      key text primary key,
      name text not null,
      key_stage text not null check (key_stage in ('ks2', 'ks4')),
      kind text not null check (kind in ('attainment', 'gap_index')),
      unit text not null check (unit in ('percent', 'points', 'index')),
      position int not null
    );

    create table national_figures (
      id uuid primary key default gen_random_uuid(),
      measure_key text not null references national_measures (key),
      academic_year text not null check (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      disadvantaged numeric,
      other numeric,
      all_pupils numeric,
      gap numeric,
      status text not null check (status in ('provisional', 'revised', 'final')),
      source text not null check (length(source) > 0),
      source_url text not null default '',
      read_on date not null,
      created_by uuid references users (id),
      created_at timestamptz not null,
      unique (measure_key, academic_year, status),
      check (coalesce(disadvantaged, other, all_pupils, gap) is not null)
    );

    create table measure_national_links (
      measure_id uuid primary key references measures (id) on delete cascade,
      school_id uuid not null references schools (id),
      national_measure_key text not null references national_measures (key),
      mapped_by uuid references users (id),
      mapped_at timestamptz not null
    );
    create index measure_national_links_school on measure_national_links (school_id);
  `.execute(db);

  await db
    .insertInto("national_measures")
    .values(
      MEASURES.map(([key, name, keyStage, kind, unit], position) => ({
        key,
        name,
        key_stage: keyStage,
        kind,
        unit,
        position,
      })),
    )
    .execute();
  const now = new Date();
  await db
    .insertInto("national_figures")
    .values(
      FIGURES.map(([key, year, disadvantaged, other, all, gap, status]) => {
        const from = key.startsWith("ks2") ? KS2 : KS4;
        return {
          measure_key: key,
          academic_year: year,
          disadvantaged,
          other,
          all_pupils: all,
          gap,
          status,
          source: from.source,
          source_url: from.url,
          read_on: READ_ON,
          created_at: now,
        };
      }),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table measure_national_links;
    drop table national_figures;
    drop table national_measures;
  `.execute(db);
}
