import type { Kysely } from "kysely";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";

/** Whether any of these schools is enrolled in the cluster (so the cluster is in their sight). */
export async function clusterHasAnyOf(
  db: Kysely<DB>,
  clusterId: string,
  schoolIds: string[],
): Promise<boolean> {
  const row = await db
    .selectFrom("enrolments")
    .select("id")
    .where("cluster_id", "=", clusterId)
    .where("school_id", "in", inIds(schoolIds))
    .executeTakeFirst();
  return row !== undefined;
}

/** Saves (or replaces) the matrix axes of a school or a cluster. */
export async function saveAxes(
  trx: Kysely<DB>,
  setting: { scopeType: "school" | "cluster"; scopeId: string; x: string; y: string },
  updatedBy: string,
  now: Date,
): Promise<void> {
  const { scopeType, scopeId, x, y } = setting;
  await trx
    .insertInto("matrix_settings")
    .values({
      scope_type: scopeType,
      scope_id: scopeId,
      x_axis: x,
      y_axis: y,
      updated_by: updatedBy,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(["scope_type", "scope_id"])
        .doUpdateSet({ x_axis: x, y_axis: y, updated_by: updatedBy, updated_at: now }),
    )
    .execute();
}

/**
 * The data versions of a view's schools and its cluster, read now: tokens the
 * triggers change with every write to what the matrix shows (see the
 * data-versions migration). One indexed lookup; a scope never written has none.
 */
export async function dataVersionsOf(
  db: Kysely<DB>,
  scopes: { schoolIds: string[]; clusterId: string },
): Promise<string> {
  const rows = await db
    .selectFrom("data_versions")
    .select(["scope_kind", "scope_id", "version"])
    .where((eb) =>
      eb.or([
        eb.and([eb("scope_kind", "=", "school"), eb("scope_id", "in", inIds(scopes.schoolIds))]),
        eb.and([eb("scope_kind", "=", "cluster"), eb("scope_id", "=", scopes.clusterId)]),
      ]),
    )
    .execute();
  return rows
    .map((r) => `${r.scope_kind}:${r.scope_id}:${r.version}`)
    .sort()
    .join(",");
}
