import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";
import {
  DISADVANTAGE_FLAG_COLUMNS,
  DISADVANTAGE_RULE_FLAGS,
  DISADVANTAGE_RULES,
} from "../../../domain/disadvantage.ts";
import type { SchoolYearCounts } from "../../../domain/network-aims.ts";

/**
 * The network aims' SQL: every figure is counted in the database per school
 * and year (or per school and assessment point), so the server never loads a
 * pupil or an observation to build the dashboard.
 */

const int = (v: unknown) => Number(v ?? 0);

/** The network's schools not archived, each with its hub and pseudonym label. */
export async function networkSchools(db: Kysely<DB>) {
  return db
    .selectFrom("schools")
    .select(["id", "hub_id", "evidence_label"])
    .where("archived_at", "is", null)
    .orderBy("evidence_label")
    .execute();
}

/** The network's hubs not archived, by name. */
export async function activeHubs(db: Kysely<DB>) {
  return db
    .selectFrom("hubs")
    .select(["id", "name"])
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}

/** The national attainment measures some school's measure is mapped to, in the published order. */
export async function mappedNationalMeasures(db: Kysely<DB>) {
  return db
    .selectFrom("national_measures")
    .select(["key", "name"])
    .where("kind", "=", "attainment")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("measure_national_links")
          .select("measure_id")
          .whereRef("measure_national_links.national_measure_key", "=", "national_measures.key"),
      ),
    )
    .orderBy("position")
    .execute();
}

/**
 * Whether the pupil counts as disadvantaged under their own school's rule: one
 * SQL expression over every rule, read from DISADVANTAGE_RULE_FLAGS as
 * `isDisadvantaged` is.
 */
const disadvantagedUnderSchoolRule: Expression<SqlBool> = sql<SqlBool>`(${sql.join(
  DISADVANTAGE_RULES.map(
    (rule) =>
      sql`(schools.disadvantage_rule = ${rule} and (${sql.join(
        DISADVANTAGE_RULE_FLAGS[rule].map(
          (flag) => sql`pupils.${sql.ref(DISADVANTAGE_FLAG_COLUMNS[flag])} = true`,
        ),
        sql` or `,
      )}))`,
  ),
  sql` or `,
)})`;

/** At or above the measure's expected value, as `isAtOrAboveExpected` says. */
const atExpected = sql<SqlBool>`(case when measures.higher_is_better then observations.value >= measures.expected else observations.value <= measures.expected end)`;

/**
 * Per school and academic year, the counts at the school's last assessment
 * point of that year that has values, on the school's measures mapped to the
 * national measure: disadvantaged and other pupils, and how many of each are
 * at the expected standard. Pupils who had left before a point ended are not
 * counted at it (as the gap dashboard does).
 */
export async function attainmentCounts(
  db: Kysely<DB>,
  nationalKey: string,
): Promise<SchoolYearCounts[]> {
  const rows = await db
    .selectFrom("observations")
    .innerJoin("measures", "measures.id", "observations.measure_id")
    .innerJoin("measure_national_links", "measure_national_links.measure_id", "measures.id")
    .innerJoin("pupils", "pupils.id", "observations.pupil_id")
    .innerJoin("schools", "schools.id", "pupils.school_id")
    .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
    .select([
      "schools.id as school_id",
      "schools.hub_id",
      "assessment_points.academic_year",
      "assessment_points.ends_on",
      sql<number>`count(*) filter (where ${disadvantagedUnderSchoolRule})`.as("dis"),
      sql<number>`count(*) filter (where ${disadvantagedUnderSchoolRule} and ${atExpected})`.as(
        "dis_at",
      ),
      sql<number>`count(*) filter (where not ${disadvantagedUnderSchoolRule})`.as("oth"),
      sql<number>`count(*) filter (where not ${disadvantagedUnderSchoolRule} and ${atExpected})`.as(
        "oth_at",
      ),
    ])
    .where("measure_national_links.national_measure_key", "=", nationalKey)
    .where("measures.expected", "is not", null)
    .where("schools.archived_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("pupils.left_on", "is", null),
        eb("pupils.left_on", ">=", eb.ref("assessment_points.ends_on")),
      ]),
    )
    .groupBy([
      "schools.id",
      "schools.hub_id",
      "assessment_points.academic_year",
      "assessment_points.ends_on",
    ])
    .execute();
  // The last point of each school's year with values: its end-of-year result.
  const last = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.school_id}|${r.academic_year}`;
    const seen = last.get(key);
    if (!seen || String(r.ends_on) > String(seen.ends_on)) last.set(key, r);
  }
  return [...last.values()].map((r) => ({
    schoolId: r.school_id,
    hubId: r.hub_id,
    academicYear: r.academic_year,
    disadvantaged: int(r.dis),
    disadvantagedAtExpected: int(r.dis_at),
    other: int(r.oth),
    otherAtExpected: int(r.oth_at),
  }));
}

/**
 * Per school and programme year, the strategies planned, those evaluated (a
 * result shared as evidence and not withdrawn) and those cascaded beyond
 * their target cohort. A strategy outside any programme year is not counted.
 */
export async function strategyCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("strategies")
    .innerJoin("programme_years", "programme_years.id", "strategies.programme_year_id")
    .select((eb) => [
      "strategies.school_id",
      "programme_years.academic_year",
      eb.fn.countAll<number>().as("planned"),
      sql<number>`count(*) filter (where exists (select 1 from shared_results where shared_results.strategy_id = strategies.id and shared_results.withdrawn_at is null))`.as(
        "evaluated",
      ),
      sql<number>`count(*) filter (where strategies.cascade_stage <> 'target_cohort')`.as(
        "cascaded",
      ),
    ])
    .groupBy(["strategies.school_id", "programme_years.academic_year"])
    .execute();
  return rows.map((r) => ({
    schoolId: r.school_id,
    academicYear: r.academic_year,
    planned: int(r.planned),
    evaluated: int(r.evaluated),
    cascaded: int(r.cascaded),
  }));
}

/** Per school and programme year, the workshop attendance recorded and how much of it was present. */
export async function attendanceCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("workshop_attendance")
    .innerJoin("enrolments", "enrolments.id", "workshop_attendance.enrolment_id")
    .innerJoin("workshops", "workshops.id", "workshop_attendance.workshop_id")
    .innerJoin("clusters", "clusters.id", "workshops.cluster_id")
    .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
    .select((eb) => [
      "enrolments.school_id",
      "programme_years.academic_year",
      eb.fn.countAll<number>().as("recorded"),
      sql<number>`count(*) filter (where workshop_attendance.status = 'present')`.as("present"),
    ])
    .groupBy(["enrolments.school_id", "programme_years.academic_year"])
    .execute();
  return rows.map((r) => ({
    schoolId: r.school_id,
    academicYear: r.academic_year,
    recorded: int(r.recorded),
    present: int(r.present),
  }));
}

/**
 * Per school and programme year, the leadership roles held in the programme:
 * places as the leader of the school's programme team, and whether the school
 * leads its trio.
 */
export async function leadershipCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("enrolments")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .select((eb) => [
      "enrolments.school_id",
      "programme_years.academic_year",
      eb
        .selectFrom("team_members")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("team_members.enrolment_id", "=", "enrolments.id")
        .where("team_members.team_role", "=", "leader")
        .as("team_leaders"),
      sql<number>`case when enrolments.trio_role = 'lead' then 1 else 0 end`.as("trio_lead"),
    ])
    .execute();
  return rows.map((r) => ({
    schoolId: r.school_id,
    academicYear: r.academic_year,
    teamLeaders: int(r.team_leaders),
    trioLeads: int(r.trio_lead),
  }));
}
