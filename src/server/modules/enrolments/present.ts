import type { Kysely } from "kysely";
import type { Enrolment } from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import { NotFound } from "../../errors.ts";

type TrioRole = "lead" | "accelerator";

/** Trios of a cluster, each with its schools (names only: that is all peers see). */
export async function triosOfCluster(db: Kysely<DB>, clusterId: string) {
  const trios = await db
    .selectFrom("trios")
    .select(["id", "name"])
    .where("cluster_id", "=", clusterId)
    .orderBy("name")
    .execute();
  const members = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.trio_id",
      "enrolments.trio_role",
      "schools.id",
      "schools.name",
      "schools.short_code",
      "schools.phase",
    ])
    .where("enrolments.cluster_id", "=", clusterId)
    .where("enrolments.trio_id", "is not", null)
    .orderBy("enrolments.trio_role", "desc")
    .orderBy("schools.name")
    .execute();
  return trios.map((trio) => ({
    id: trio.id,
    name: trio.name,
    schools: members
      .filter((m) => m.trio_id === trio.id)
      .map((m) => ({
        id: m.id,
        name: m.name,
        shortCode: m.short_code,
        phase: m.phase,
        trioRole: m.trio_role as TrioRole,
      })),
  }));
}

/** An enrolment as its school's staff see it: the cluster's schools and the trio, by name. */
export async function presentEnrolment(db: Kysely<DB>, enrolmentId: string): Promise<Enrolment> {
  const row = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .innerJoin("programmes", "programmes.id", "programme_years.programme_id")
    .innerJoin("clusters", "clusters.id", "enrolments.cluster_id")
    .innerJoin("schools as facilitation", "facilitation.id", "clusters.facilitation_school_id")
    .select([
      "enrolments.id",
      "enrolments.trio_id",
      "enrolments.trio_role",
      "schools.id as school_id",
      "schools.name as school_name",
      "schools.short_code",
      "schools.phase",
      "programme_years.id as programme_year_id",
      "programme_years.academic_year",
      "programmes.name as programme_name",
      "clusters.id as cluster_id",
      "clusters.name as cluster_name",
      "facilitation.id as facilitation_id",
      "facilitation.name as facilitation_name",
    ])
    .where("enrolments.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row) throw new NotFound("enrolment");
  const clusterSchools = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select(["schools.id", "schools.name", "schools.short_code", "schools.phase"])
    .where("enrolments.cluster_id", "=", row.cluster_id)
    .orderBy("schools.name")
    .execute();
  const trio = row.trio_id
    ? (await triosOfCluster(db, row.cluster_id)).find((t) => t.id === row.trio_id)
    : undefined;
  return {
    id: row.id,
    school: {
      id: row.school_id,
      name: row.school_name,
      shortCode: row.short_code,
      phase: row.phase,
    },
    programmeYear: {
      id: row.programme_year_id,
      academicYear: row.academic_year,
      programmeName: row.programme_name,
    },
    cluster: {
      id: row.cluster_id,
      name: row.cluster_name,
      facilitationSchool: { id: row.facilitation_id, name: row.facilitation_name },
      schools: clusterSchools.map((s) => ({
        id: s.id,
        name: s.name,
        shortCode: s.short_code,
        phase: s.phase,
      })),
    },
    trio: trio ?? null,
    trioRole: row.trio_role,
  };
}
