import type { Kysely } from "kysely";
import type { Workshop } from "../../../contracts/programme-year.ts";
import type { DB } from "../../../db/schema.ts";
import { isNetworkAdmin, leadsCluster, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { Forbidden, NotFound } from "../../errors.ts";

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

/** The cluster, if the actor leads it: 403 when they can see it but do not lead it, 404 when they cannot see it. */
export async function clusterLedBy(db: Kysely<DB>, actor: Actor, clusterId: string) {
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "name", "programme_year_id"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster || !(await seesCluster(db, actor, clusterId))) throw new NotFound("cluster");
  if (!leadsCluster(actor, clusterId))
    throw new Forbidden("Only the cluster's programme lead runs its workshops and visits.");
  return cluster;
}

export async function workshopInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db.selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !(await seesCluster(db, actor, row.cluster_id))) throw new NotFound("workshop");
  return row;
}

export type WorkshopRow = Awaited<ReturnType<typeof workshopInScope>>;

export async function presentWorkshop(
  db: Kysely<DB>,
  actor: Actor,
  row: WorkshopRow,
): Promise<Workshop> {
  const [cluster, theme, materials, tasks] = await Promise.all([
    db
      .selectFrom("clusters")
      .select("name")
      .where("id", "=", row.cluster_id)
      .executeTakeFirstOrThrow(),
    row.theme_id
      ? db
          .selectFrom("programme_themes")
          .select("name")
          .where("id", "=", row.theme_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom("workshop_materials")
      .select(["id", "title", "url", "file_name", "size_bytes"])
      .where("workshop_id", "=", row.id)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("workshop_tasks")
      .select(["id", "kind", "title", "description", "due_on"])
      .where("workshop_id", "=", row.id)
      .orderBy("kind")
      .orderBy("position")
      .execute(),
  ]);
  return {
    id: row.id,
    clusterId: row.cluster_id,
    clusterName: cluster.name,
    title: row.title,
    focus: row.focus,
    theme: theme?.name ?? null,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    venue: row.venue,
    onlineLink: row.online_link,
    summary: row.summary,
    materials: materials.map((m) => ({
      id: m.id,
      title: m.title,
      url: m.url,
      fileName: m.file_name,
      sizeBytes: m.size_bytes,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      description: t.description,
      dueOn: t.due_on,
    })),
    canManage: leadsCluster(actor, row.cluster_id),
  };
}
