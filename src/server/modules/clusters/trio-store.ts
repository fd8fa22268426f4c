import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";

/**
 * Forms a trio in a cluster: one lead school and up to two accelerators, each
 * enrolled in the cluster and in no trio yet. Returns the new trio's id.
 */
export async function insertTrio(
  trx: Kysely<DB>,
  now: Date,
  {
    clusterId,
    name,
    leadSchoolId,
    acceleratorSchoolIds,
  }: { clusterId: string; name: string; leadSchoolId: string; acceleratorSchoolIds: string[] },
): Promise<string> {
  const all = [leadSchoolId, ...acceleratorSchoolIds];
  const cluster = await trx
    .selectFrom("clusters")
    .select("id")
    .where("id", "=", clusterId)
    .forUpdate()
    .executeTakeFirst();
  if (!cluster)
    throw new ValidationProblem("No such cluster.", [
      { field: "clusterId", message: "Choose an existing cluster." },
    ]);
  const enrolments = await trx
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["enrolments.id", "enrolments.school_id", "enrolments.trio_id", "schools.name"])
    .where("enrolments.cluster_id", "=", clusterId)
    .where("enrolments.school_id", "in", all)
    .forUpdate("enrolments")
    .execute();
  const errors = all.flatMap((schoolId, i) => {
    const field = i === 0 ? "leadSchoolId" : `acceleratorSchoolIds.${i - 1}`;
    const enrolment = enrolments.find((e) => e.school_id === schoolId);
    if (!enrolment) return [{ field, message: "This school is not enrolled in the cluster." }];
    if (enrolment.trio_id) return [{ field, message: `${enrolment.name} is already in a trio.` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationProblem("The trio cannot be formed as it is.", errors);
  const clash = await trx
    .selectFrom("trios")
    .select("id")
    .where("cluster_id", "=", clusterId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
    .executeTakeFirst();
  if (clash)
    throw new Conflict(`A trio called ${name} already exists in this cluster.`, {
      errors: [{ field: "name", message: "This name is taken." }],
    });
  const trio = await trx
    .insertInto("trios")
    .values({ cluster_id: clusterId, name, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("enrolments")
    .set({ trio_id: trio.id, trio_role: "lead" })
    .where("cluster_id", "=", clusterId)
    .where("school_id", "=", leadSchoolId)
    .execute();
  if (acceleratorSchoolIds.length > 0) {
    await trx
      .updateTable("enrolments")
      .set({ trio_id: trio.id, trio_role: "accelerator" })
      .where("cluster_id", "=", clusterId)
      .where("school_id", "in", acceleratorSchoolIds)
      .execute();
  }
  return trio.id;
}

/** Dissolves a trio; its schools stay enrolled in the cluster. 404 when there is no such trio. */
export async function deleteTrio(trx: Kysely<DB>, id: string): Promise<void> {
  const trio = await trx.selectFrom("trios").select("id").where("id", "=", id).executeTakeFirst();
  if (!trio) throw new NotFound("trio");
  await trx
    .updateTable("enrolments")
    .set({ trio_id: null, trio_role: null })
    .where("trio_id", "=", trio.id)
    .execute();
  await trx.deleteFrom("trios").where("id", "=", trio.id).execute();
}
