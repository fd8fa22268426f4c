import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../../../db/schema.ts";
import type { Actor } from "../../context.ts";
import { listClusters } from "../clusters/store.ts";
import { triosOfCluster } from "../enrolments/present.ts";
import { compositionOf, teamMembersOf } from "../enrolments/team-store.ts";
import type { dashboardSchema } from "./routes.ts";

type Dashboard = z.infer<typeof dashboardSchema>;

/** The network's counts, for an administrator's dashboard. */
export async function networkCounts(
  db: Kysely<DB>,
  now: Date,
): Promise<NonNullable<Dashboard["network"]>> {
  const n = (
    table: "hubs" | "schools" | "programmes" | "programme_years" | "clusters" | "enrolments",
  ) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const pending = await db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return {
    hubs: await n("hubs"),
    schools: await n("schools"),
    programmes: await n("programmes"),
    programmeYears: await n("programme_years"),
    clusters: await n("clusters"),
    enrolments: await n("enrolments"),
    pendingInvitations: Number(pending.n),
  };
}

/** The clusters a person leads, each with how many of its teams meet the programme's guidance. */
export async function ledClusters(
  db: Kysely<DB>,
  actor: Actor,
  ledIds: string[],
  now: Date,
): Promise<Dashboard["clusters"]> {
  const clusters = [];
  // Administrators see every cluster on their own pages; here, only the ones a person leads.
  const led = new Set(ledIds);
  for (const cluster of (await listClusters(db, actor, now)).filter((c) => led.has(c.id))) {
    const enrolments = await db
      .selectFrom("enrolments")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["enrolments.id", "schools.phase"])
      .where("enrolments.cluster_id", "=", cluster.id)
      .execute();
    const teams = await teamMembersOf(
      db,
      enrolments.map((e) => e.id),
    );
    const meeting = enrolments.filter(
      (e) => compositionOf(e.phase, teams.get(e.id) ?? []).meets,
    ).length;
    clusters.push({ ...cluster, teamsMeetingGuidance: meeting });
  }
  return clusters;
}

/** A person's own schools, each with its enrolments, trio and team. */
export async function ownSchools(
  db: Kysely<DB>,
  actor: Actor,
  schoolIds: string[],
): Promise<Dashboard["schools"]> {
  const schools = [];
  const schoolRows = await db
    .selectFrom("schools")
    .select(["id", "name", "short_code", "phase"])
    .where("id", "in", schoolIds)
    .orderBy("name")
    .execute();
  const enrolments = await db
    .selectFrom("enrolments")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .innerJoin("programmes", "programmes.id", "programme_years.programme_id")
    .innerJoin("clusters", "clusters.id", "enrolments.cluster_id")
    .select([
      "enrolments.id",
      "enrolments.school_id",
      "enrolments.cluster_id",
      "enrolments.trio_id",
      "enrolments.trio_role",
      "programme_years.academic_year",
      "programmes.name as programme_name",
      "clusters.name as cluster_name",
    ])
    .where("enrolments.school_id", "in", schoolIds)
    .orderBy("programme_years.academic_year", "desc")
    .execute();
  const teams = await teamMembersOf(
    db,
    enrolments.map((e) => e.id),
  );
  for (const school of schoolRows) {
    const phase = school.phase;
    const own = enrolments.filter((e) => e.school_id === school.id);
    const presented = [];
    for (const e of own) {
      const members = teams.get(e.id) ?? [];
      const trio = e.trio_id
        ? ((await triosOfCluster(db, e.cluster_id)).find((t) => t.id === e.trio_id) ?? null)
        : null;
      presented.push({
        id: e.id,
        academicYear: e.academic_year,
        programmeName: e.programme_name,
        clusterName: e.cluster_name,
        trio,
        trioRole: e.trio_role,
        teamSize: members.length,
        composition: compositionOf(phase, members),
      });
    }
    schools.push({
      school: { id: school.id, name: school.name, shortCode: school.short_code, phase },
      roles: actor.memberships
        .filter((m) => m.scopeType === "school" && m.scopeId === school.id)
        .map((m) => m.role),
      enrolments: presented,
    });
  }
  return schools;
}
