import type { Kysely } from "kysely";
import type { MATRIX_VIEWS } from "../../../contracts/cohort.ts";
import type { DB } from "../../../db/schema.ts";
import { authorize } from "../../access/authorize.ts";
import { clusterIdsLedBy, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { matrixPolicy } from "./policy.ts";

export interface ViewSchool {
  enrolmentId: string;
  schoolId: string;
  code: string;
  name: string;
  own: boolean;
}

export interface ResolvedView {
  view: (typeof MATRIX_VIEWS)[number];
  title: string;
  programmeYearId: string;
  schools: ViewSchool[];
  /** Where the axes are saved for this view, and whether this actor may save them. */
  settingsScope: { scopeType: "school" | "cluster"; scopeId: string };
  canSave: boolean;
  clusterId: string;
}

async function enrolmentsWhere(
  db: Kysely<DB>,
  column: "enrolments.trio_id" | "enrolments.cluster_id",
  id: string,
  own: Set<string>,
) {
  const rows = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.id",
      "enrolments.school_id",
      "enrolments.programme_year_id",
      "enrolments.cluster_id",
      "schools.short_code",
      "schools.name",
    ])
    .where(column, "=", id)
    .orderBy("schools.name")
    .execute();
  return rows.map((r) => ({
    enrolmentId: r.id,
    schoolId: r.school_id,
    code: r.short_code,
    name: r.name,
    own: own.has(r.school_id),
    programmeYearId: r.programme_year_id,
    clusterId: r.cluster_id,
  }));
}

/**
 * Works out which schools a matrix view covers for this actor: their school,
 * their school's trio, or a cluster (their school's, or one they lead). The
 * server decides from the session; ids in the query only choose among the
 * actor's own.
 */
export async function resolveView(
  db: Kysely<DB>,
  actor: Actor,
  query: { view: ResolvedView["view"]; schoolId?: string; trioId?: string; clusterId?: string },
  today: string,
): Promise<ResolvedView> {
  const own = new Set(schoolIdsOf(actor));
  const pickSchool = () => {
    const schoolId = query.schoolId ?? [...own][0];
    if (!schoolId || !own.has(schoolId)) return undefined;
    return schoolId;
  };

  if (query.view === "school") {
    authorize(
      matrixPolicy.schoolView(actor),
      "The school view is for a school's own staff; use the trio or cluster view.",
    );
    const schoolId = pickSchool();
    if (!schoolId) throw new NotFound("school");
    const enrolment = await currentEnrolment(db, schoolId, today);
    if (!enrolment) throw new NotFound("enrolment for this school");
    const [school] = (
      await enrolmentsWhere(db, "enrolments.cluster_id", enrolment.clusterId, own)
    ).filter((s) => s.schoolId === schoolId);
    if (!school) throw new NotFound("school");
    return {
      view: "school",
      title: school.name,
      programmeYearId: enrolment.programmeYearId,
      schools: [school],
      settingsScope: { scopeType: "school", scopeId: schoolId },
      canSave: matrixPolicy.saveAxes(actor, { scopeType: "school", scopeId: schoolId }),
      clusterId: enrolment.clusterId,
    };
  }

  if (query.view === "trio") {
    let trioId = query.trioId;
    if (!trioId) {
      const schoolId = pickSchool();
      const enrolment = schoolId ? await currentEnrolment(db, schoolId, today) : undefined;
      trioId = enrolment?.trioId ?? undefined;
      if (!trioId) throw new NotFound("trio for your school");
    }
    const trio = await db
      .selectFrom("trios")
      .select(["id", "name", "cluster_id"])
      .where("id", "=", trioId)
      .executeTakeFirst();
    if (!trio) throw new NotFound("trio");
    const schools = await enrolmentsWhere(db, "enrolments.trio_id", trio.id, own);
    const allowed = matrixPolicy.groupView(actor, {
      clusterId: trio.cluster_id,
      hasOwnSchool: schools.some((s) => s.own),
    });
    if (!allowed || schools.length === 0) throw new NotFound("trio");
    return {
      view: "trio",
      title: trio.name,
      programmeYearId: schools[0]?.programmeYearId ?? "",
      schools,
      settingsScope: { scopeType: "cluster", scopeId: trio.cluster_id },
      canSave: matrixPolicy.saveAxes(actor, { scopeType: "cluster", scopeId: trio.cluster_id }),
      clusterId: trio.cluster_id,
    };
  }

  let clusterId = query.clusterId;
  if (!clusterId) {
    const schoolId = pickSchool();
    clusterId = schoolId
      ? (await currentEnrolment(db, schoolId, today))?.clusterId
      : clusterIdsLedBy(actor)[0];
    if (!clusterId) throw new NotFound("cluster");
  }
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "name"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster) throw new NotFound("cluster");
  const schools = await enrolmentsWhere(db, "enrolments.cluster_id", cluster.id, own);
  const allowed = matrixPolicy.groupView(actor, {
    clusterId: cluster.id,
    hasOwnSchool: schools.some((s) => s.own),
  });
  if (!allowed || schools.length === 0) throw new NotFound("cluster");
  return {
    view: "cluster",
    title: cluster.name,
    programmeYearId: schools[0]?.programmeYearId ?? "",
    schools,
    settingsScope: { scopeType: "cluster", scopeId: cluster.id },
    canSave: matrixPolicy.saveAxes(actor, { scopeType: "cluster", scopeId: cluster.id }),
    clusterId: cluster.id,
  };
}

/**
 * The school view of one enrolment's cohort (a school and a programme year),
 * for the school's own reports. The caller has checked the actor works at the school.
 */
export async function enrolmentSchoolView(
  db: Kysely<DB>,
  actor: Actor,
  enrolment: { id: string; clusterId: string; programmeYearId: string },
): Promise<ResolvedView> {
  const own = new Set(schoolIdsOf(actor));
  const school = (
    await enrolmentsWhere(db, "enrolments.cluster_id", enrolment.clusterId, own)
  ).find((s) => s.enrolmentId === enrolment.id);
  if (!school) throw new NotFound("enrolment");
  return {
    view: "school",
    title: school.name,
    programmeYearId: enrolment.programmeYearId,
    schools: [school],
    settingsScope: { scopeType: "school", scopeId: school.schoolId },
    canSave: matrixPolicy.saveAxes(actor, { scopeType: "school", scopeId: school.schoolId }),
    clusterId: enrolment.clusterId,
  };
}
