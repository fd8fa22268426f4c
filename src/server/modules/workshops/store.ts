import type { Insertable, Kysely, Updateable } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Workshop } from "../../../contracts/programme-year.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { isNetworkAdmin, leadsCluster, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { workshopPolicy } from "./policy.ts";

/** Whether the actor may see a cluster's programme: its lead, an administrator, or staff of a school enrolled in it. */
export async function seesCluster(
  db: Kysely<DB>,
  actor: Actor,
  clusterId: string,
): Promise<boolean> {
  if (isNetworkAdmin(actor) || leadsCluster(actor, clusterId)) return true;
  const schools = schoolIdsOf(actor);
  if (schools.length === 0) return false;
  const enrolled = await db
    .selectFrom("enrolments")
    .select("id")
    .where("cluster_id", "=", clusterId)
    .where("school_id", "in", schools)
    .executeTakeFirst();
  return enrolled !== undefined;
}

/** The cluster, if the actor can see it (404 otherwise); whether they may run it is the policy's. */
export async function clusterInScope(db: Kysely<DB>, actor: Actor, clusterId: string) {
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "name", "programme_year_id"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster || !(await seesCluster(db, actor, clusterId))) throw new NotFound("cluster");
  return cluster;
}

export async function workshopInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db.selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !(await seesCluster(db, actor, row.cluster_id))) throw new NotFound("workshop");
  return row;
}

export type WorkshopRow = Awaited<ReturnType<typeof workshopInScope>>;

/** Workshops with their cluster's name, theme, materials and tasks, in one query. */
function presentable(db: Kysely<DB>) {
  return db
    .selectFrom("workshops")
    .innerJoin("clusters", "clusters.id", "workshops.cluster_id")
    .leftJoin("programme_themes", "programme_themes.id", "workshops.theme_id")
    .select((eb) => [
      "workshops.id",
      "workshops.cluster_id",
      "workshops.plan_workshop_id",
      "clusters.name as cluster_name",
      "workshops.title",
      "workshops.focus",
      "programme_themes.name as theme",
      "workshops.starts_at",
      "workshops.ends_at",
      "workshops.venue",
      "workshops.online_link",
      "workshops.summary",
      jsonArrayFrom(
        eb
          .selectFrom("workshop_materials")
          .select([
            "workshop_materials.id",
            "workshop_materials.title",
            "workshop_materials.url",
            "workshop_materials.file_name",
            "workshop_materials.size_bytes",
            (m) =>
              m
                .selectFrom("resources")
                .select("resources.id")
                .whereRef("resources.workshop_material_id", "=", "workshop_materials.id")
                .as("library_resource_id"),
          ])
          .whereRef("workshop_materials.workshop_id", "=", "workshops.id")
          .orderBy("workshop_materials.created_at"),
      ).as("materials"),
      jsonArrayFrom(
        eb
          .selectFrom("workshop_tasks")
          .select([
            "workshop_tasks.id",
            "workshop_tasks.kind",
            "workshop_tasks.title",
            "workshop_tasks.description",
            "workshop_tasks.due_on",
          ])
          .whereRef("workshop_tasks.workshop_id", "=", "workshops.id")
          .orderBy("workshop_tasks.kind")
          .orderBy("workshop_tasks.position"),
      ).as("tasks"),
    ]);
}

type PresentableRow = Awaited<
  ReturnType<ReturnType<typeof presentable>["executeTakeFirstOrThrow"]>
>;

function toWorkshop(actor: Actor, row: PresentableRow): Workshop {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    title: row.title,
    focus: row.focus,
    theme: row.theme ?? null,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    venue: row.venue,
    onlineLink: row.online_link,
    summary: row.summary,
    materials: row.materials.map((m) => ({
      id: m.id,
      title: m.title,
      url: m.url,
      fileName: m.file_name,
      sizeBytes: m.size_bytes,
      libraryResourceId: m.library_resource_id ?? null,
    })),
    tasks: row.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      description: t.description,
      dueOn: t.due_on,
    })),
    canManage: workshopPolicy.edit(actor, row),
  };
}

/** One workshop as the actor sees it (already loaded within scope). */
export async function presentWorkshop(
  db: Kysely<DB>,
  actor: Actor,
  workshop: { id: string },
): Promise<Workshop> {
  const row = await presentable(db)
    .where("workshops.id", "=", workshop.id)
    .executeTakeFirstOrThrow();
  return toWorkshop(actor, row);
}

/** The cluster's workshops in date order, and which plan workshop each was scheduled from. */
export async function listWorkshops(db: Kysely<DB>, actor: Actor, clusterId: string) {
  const rows = await presentable(db)
    .where("workshops.cluster_id", "=", clusterId)
    .orderBy("workshops.starts_at")
    .execute();
  return rows.map((row) => ({ planWorkshopId: row.plan_workshop_id, ...toWorkshop(actor, row) }));
}

/** The programme's plan of workshops for the cluster's programme year. */
export function planOfCluster(db: Kysely<DB>, clusterId: string) {
  return db
    .selectFrom("clusters")
    .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
    .innerJoin(
      "programme_workshops",
      "programme_workshops.programme_id",
      "programme_years.programme_id",
    )
    .leftJoin("programme_themes", "programme_themes.id", "programme_workshops.theme_id")
    .select([
      "programme_workshops.id",
      "programme_workshops.position",
      "programme_workshops.month",
      "programme_workshops.title",
      "programme_workshops.focus",
      "programme_themes.name as theme",
      "programme_years.academic_year",
    ])
    .where("clusters.id", "=", clusterId)
    .orderBy("programme_workshops.position")
    .execute();
}

/** A workshop of the programme year's plan, or undefined when it is not one. */
export function planWorkshopOf(db: Kysely<DB>, planWorkshopId: string, programmeYearId: string) {
  return db
    .selectFrom("programme_workshops")
    .innerJoin(
      "programme_years",
      "programme_years.programme_id",
      "programme_workshops.programme_id",
    )
    .select([
      "programme_workshops.id",
      "programme_workshops.title",
      "programme_workshops.focus",
      "programme_workshops.theme_id",
    ])
    .where("programme_workshops.id", "=", planWorkshopId)
    .where("programme_years.id", "=", programmeYearId)
    .executeTakeFirst();
}

export function insertWorkshop(trx: Kysely<DB>, values: Insertable<DB["workshops"]>) {
  return trx.insertInto("workshops").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateWorkshop(trx: Kysely<DB>, id: string, set: Updateable<DB["workshops"]>) {
  return trx
    .updateTable("workshops")
    .set(set)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertTask(trx: Kysely<DB>, values: Insertable<DB["workshop_tasks"]>) {
  return trx.insertInto("workshop_tasks").values(values).returning("id").executeTakeFirstOrThrow();
}

export function insertMaterial(trx: Kysely<DB>, values: Insertable<DB["workshop_materials"]>) {
  return trx
    .insertInto("workshop_materials")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A material by id (its workshop's scope is the caller's to check). */
export function materialById(db: Kysely<DB>, id: string) {
  return db.selectFrom("workshop_materials").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The cluster's enrolments with their schools' names, by school name. */
export function enrolmentsOfCluster(db: Kysely<DB>, clusterId: string) {
  return db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["enrolments.id", "enrolments.school_id", "schools.name"])
    .where("enrolments.cluster_id", "=", clusterId)
    .orderBy("schools.name")
    .execute();
}

/** The marks on a workshop's register. */
export function attendanceOf(db: Kysely<DB>, workshopId: string) {
  return db
    .selectFrom("workshop_attendance")
    .select(["user_id", "status"])
    .where("workshop_id", "=", workshopId)
    .execute();
}

/** Writes (or rewrites) each person's mark on the register. */
export async function writeAttendance(
  trx: Kysely<DB>,
  now: Date,
  workshopId: string,
  recordedBy: string,
  entries: readonly { userId: string; enrolmentId: string; status: AttendanceStatus }[],
): Promise<void> {
  for (const entry of entries) {
    await trx
      .insertInto("workshop_attendance")
      .values({
        workshop_id: workshopId,
        user_id: entry.userId,
        enrolment_id: entry.enrolmentId,
        status: entry.status,
        recorded_by: recordedBy,
        recorded_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workshop_id", "user_id"])
          .doUpdateSet({ status: entry.status, recorded_by: recordedBy, recorded_at: now }),
      )
      .execute();
  }
}

type AttendanceStatus = DB["workshop_attendance"]["status"];

/** The cluster, if the actor may read its progress (404 otherwise, so its existence is not revealed). */
export async function clusterForProgress(db: Kysely<DB>, actor: Actor, clusterId: string) {
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "name"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster || !workshopPolicy.readProgress(actor, cluster)) throw new NotFound("cluster");
  return cluster;
}

/** The cluster's enrolments with each school's phase, by school name. */
export function enrolmentsWithPhase(db: Kysely<DB>, clusterId: string) {
  return db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["enrolments.id", "enrolments.school_id", "schools.name", "schools.phase"])
    .where("enrolments.cluster_id", "=", clusterId)
    .orderBy("schools.name")
    .execute();
}

/** What the year at a glance counts, for the cluster's enrolments and their schools. */
export function progressFacts(
  db: Kysely<DB>,
  clusterId: string,
  enrolmentIds: string[],
  schoolIds: string[],
) {
  return Promise.all([
    db
      .selectFrom("workshops")
      .select(["id", "title", "starts_at"])
      .where("cluster_id", "=", clusterId)
      .orderBy("starts_at")
      .execute(),
    db
      .selectFrom("workshop_attendance")
      .select(["enrolment_id", "status", "workshop_id", "recorded_at"])
      .where("enrolment_id", "in", inIds(enrolmentIds))
      .execute(),
    db
      .selectFrom("workshop_tasks")
      .innerJoin("workshops", "workshops.id", "workshop_tasks.workshop_id")
      .select("workshop_tasks.id")
      .where("workshops.cluster_id", "=", clusterId)
      .execute(),
    db
      .selectFrom("actions")
      .select(["enrolment_id", "status", "due_on", "workshop_task_id"])
      .where("enrolment_id", "in", inIds(enrolmentIds))
      .execute(),
    db
      .selectFrom("cohort_members")
      .select(["enrolment_id"])
      .where("enrolment_id", "in", inIds(enrolmentIds))
      .where("left_on", "is", null)
      .execute(),
    db
      .selectFrom("strategies")
      .select(["school_id", "status"])
      .where("school_id", "in", inIds(schoolIds))
      .execute(),
    db
      .selectFrom("school_visits")
      .select(["enrolment_id", "visit_on"])
      .where("enrolment_id", "in", inIds(enrolmentIds))
      .orderBy("visit_on", "desc")
      .execute(),
    db
      .selectFrom("assessment_points")
      .select((eb) => [
        "assessment_points.school_id",
        "assessment_points.name",
        "assessment_points.starts_on",
        eb
          .exists(
            eb
              .selectFrom("observations")
              .select("observations.id")
              .whereRef("observations.assessment_point_id", "=", "assessment_points.id"),
          )
          .as("has_data"),
      ])
      .where("school_id", "in", inIds(schoolIds))
      .orderBy("starts_on")
      .execute(),
  ]);
}
