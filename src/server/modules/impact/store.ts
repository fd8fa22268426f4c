import type { Kysely } from "kysely";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { impactPolicy } from "./policy.ts";

export interface ReportEnrolment {
  id: string;
  schoolId: string;
  schoolName: string;
  programmeYearId: string;
  academicYear: string;
  clusterId: string;
  trioId: string | null;
  /** Every programme year the school was enrolled in, newest first (the report's choice of year). */
  years: Array<{ id: string; academicYear: string }>;
}

/**
 * The school's enrolment for the programme year asked (or the one containing
 * today, else its latest), if the actor may read its impact report. 404 for a
 * school outside the actor's team, or a year the school was not enrolled in.
 */
export async function reportEnrolment(
  db: Kysely<DB>,
  actor: Actor,
  schoolId: string,
  programmeYearId: string | undefined,
  today: string,
): Promise<ReportEnrolment> {
  if (!impactPolicy.readSchoolReport(actor, { id: schoolId })) throw new NotFound("school");
  const rows = await db
    .selectFrom("enrolments")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.id",
      "enrolments.school_id",
      "schools.name",
      "enrolments.programme_year_id",
      "programme_years.academic_year",
      "programme_years.starts_on",
      "programme_years.ends_on",
      "enrolments.cluster_id",
      "enrolments.trio_id",
    ])
    .where("enrolments.school_id", "=", schoolId)
    .orderBy("programme_years.starts_on", "desc")
    .execute();
  const row = programmeYearId
    ? rows.find((r) => r.programme_year_id === programmeYearId)
    : (rows.find((r) => r.starts_on <= today && today <= r.ends_on) ?? rows[0]);
  if (!row) throw new NotFound(programmeYearId ? "enrolment for that programme year" : "enrolment");
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.name,
    programmeYearId: row.programme_year_id,
    academicYear: row.academic_year,
    clusterId: row.cluster_id,
    trioId: row.trio_id,
    years: rows.map((r) => ({ id: r.programme_year_id, academicYear: r.academic_year })),
  };
}

/** The cluster, if the actor may read its impact report (404 otherwise). */
export async function clusterForReport(db: Kysely<DB>, actor: Actor, clusterId: string) {
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "name"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster || !impactPolicy.readClusterReport(actor, cluster)) throw new NotFound("cluster");
  return cluster;
}

/** The team's "what next" for an enrolment, if written. */
export async function whatNextOf(db: Kysely<DB>, enrolmentId: string) {
  return db
    .selectFrom("impact_what_next")
    .select(["body", "updated_at"])
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
}

/** Writes (or replaces) an enrolment's "what next"; returns whether it changed. */
export async function saveWhatNext(
  trx: Kysely<DB>,
  enrolmentId: string,
  body: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const current = await whatNextOf(trx, enrolmentId);
  if (current?.body === body) return false;
  await trx
    .insertInto("impact_what_next")
    .values({ enrolment_id: enrolmentId, body, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column("enrolment_id").doUpdateSet({ body, updated_by: userId, updated_at: now }),
    )
    .execute();
  return true;
}

/** The cohort's history: who joined when, and who left with what reason, oldest first. */
export async function cohortJoinings(db: Kysely<DB>, enrolmentId: string) {
  return db
    .selectFrom("cohort_members")
    .innerJoin("pupils", "pupils.id", "cohort_members.pupil_id")
    .select([
      "cohort_members.pupil_id",
      "cohort_members.joined_on",
      "cohort_members.left_on",
      "pupils.year_group",
    ])
    .where("cohort_members.enrolment_id", "=", enrolmentId)
    .orderBy("cohort_members.joined_on")
    .execute();
}

/** Each strategy's latest review decision, by strategy id. */
export async function latestDecisions(
  db: Kysely<DB>,
  strategyIds: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("strategy_reviews")
    .select(["strategy_id", "decision"])
    .where("strategy_id", "in", inIds(strategyIds))
    .orderBy("reviewed_on")
    .orderBy("created_at")
    .execute();
  return new Map(rows.map((r) => [r.strategy_id, r.decision]));
}

/** The titles of the enrolment's actions marked done, in the order they were done. */
export async function doneActionTitles(db: Kysely<DB>, enrolmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("actions")
    .select("title")
    .where("enrolment_id", "=", enrolmentId)
    .where("status", "=", "done")
    .orderBy("completed_at")
    .execute();
  return rows.map((r) => r.title);
}

/**
 * How each of the cluster's schools appears in the cluster report: by name only
 * where it chose to be named when it shared evidence (every result it has
 * shared, and not withdrawn, is named); otherwise by its evidence label, or,
 * before it has one, by "School" and a letter in an order that is not its name's.
 */
export async function schoolLabels(
  db: Kysely<DB>,
  schools: ReadonlyArray<{ schoolId: string; enrolmentId: string }>,
): Promise<Map<string, { label: string; named: boolean }>> {
  const ids = schools.map((s) => s.schoolId);
  const [rows, shared] = await Promise.all([
    db
      .selectFrom("schools")
      .select(["id", "name", "evidence_label"])
      .where("id", "in", inIds(ids))
      .execute(),
    db
      .selectFrom("shared_results")
      .select(["school_id", "named"])
      .where("school_id", "in", inIds(ids))
      .where("withdrawn_at", "is", null)
      .execute(),
  ]);
  const labels = new Map<string, { label: string; named: boolean }>();
  // Unlabelled schools are lettered in the order of their enrolment ids (random), not their names.
  const unlabelled = [...schools]
    .sort((a, b) => a.enrolmentId.localeCompare(b.enrolmentId))
    .filter((s) => !rows.find((r) => r.id === s.schoolId)?.evidence_label);
  for (const row of rows) {
    const results = shared.filter((s) => s.school_id === row.id);
    const named = results.length > 0 && results.every((s) => s.named);
    const letter = String.fromCharCode(65 + unlabelled.findIndex((s) => s.schoolId === row.id));
    labels.set(row.id, {
      named,
      label: named ? row.name : (row.evidence_label ?? `School ${letter}`),
    });
  }
  return labels;
}

/** The cascade stage of every strategy of these schools. */
export async function cascadeStagesOf(db: Kysely<DB>, schoolIds: string[]) {
  return db
    .selectFrom("strategies")
    .select(["cascade_stage"])
    .where("school_id", "in", inIds(schoolIds))
    .execute();
}
