import type { ExpressionBuilder, Kysely } from "kysely";
import type { z } from "zod";
import type {
  ClusterDetail,
  ClusterSummary,
  createClusterSchema,
} from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import { clusterIdsLedBy, isNetworkAdmin } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import type { Actor, AppDeps } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { triosOfCluster } from "../enrolments/present.ts";
import { compositionOf, teamMembersOf } from "../enrolments/team-store.ts";
import { type PreparedInvitation, prepareInvitation } from "../invitations/service.ts";

type CreateCluster = z.infer<typeof createClusterSchema>;

/** Clusters an actor may see as clusters: all for administrators, their own for programme leads. */
export function visibleClusters(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "clusters">) => {
    if (isNetworkAdmin(actor)) return eb.lit(true);
    const led = clusterIdsLedBy(actor);
    return led.length > 0 ? eb("clusters.id", "in", led) : eb.lit(false);
  };
}

const summaryQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("clusters")
    .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
    .innerJoin("programmes", "programmes.id", "programme_years.programme_id")
    .innerJoin("schools as facilitation", "facilitation.id", "clusters.facilitation_school_id")
    .select((eb) => [
      "clusters.id",
      "clusters.name",
      "programme_years.id as programme_year_id",
      "programme_years.academic_year",
      "programmes.name as programme_name",
      "facilitation.id as facilitation_id",
      "facilitation.name as facilitation_name",
      eb
        .selectFrom("enrolments")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("enrolments.cluster_id", "=", "clusters.id")
        .as("school_count"),
      eb
        .selectFrom("trios")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("trios.cluster_id", "=", "clusters.id")
        .as("trio_count"),
    ]);

/** Programme leads of clusters: people holding the role, and invitations not yet accepted. */
async function leadsOf(db: Kysely<DB>, clusterIds: string[], now: Date) {
  const leads = new Map<string, ClusterSummary["programmeLeads"]>(clusterIds.map((id) => [id, []]));
  if (clusterIds.length === 0) return leads;
  const members = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.scope_id", "users.name", "users.email"])
    .where("memberships.role", "=", "programme_lead")
    .where("memberships.scope_id", "in", clusterIds)
    .orderBy("users.name")
    .execute();
  for (const m of members)
    leads.get(m.scope_id ?? "")?.push({ name: m.name, email: m.email, pending: false });
  const invited = await db
    .selectFrom("invitations")
    .select(["scope_id", "email"])
    .where("role", "=", "programme_lead")
    .where("scope_id", "in", clusterIds)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("email")
    .execute();
  for (const i of invited)
    leads.get(i.scope_id ?? "")?.push({ name: i.email, email: i.email, pending: true });
  return leads;
}

export async function listClusters(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  filter: { programmeYearId?: string; id?: string } = {},
): Promise<ClusterSummary[]> {
  const rows = await summaryQuery(db)
    .where(visibleClusters(actor))
    .$if(Boolean(filter.programmeYearId), (q) =>
      q.where("clusters.programme_year_id", "=", filter.programmeYearId as string),
    )
    .$if(Boolean(filter.id), (q) => q.where("clusters.id", "=", filter.id as string))
    .orderBy("programme_years.academic_year", "desc")
    .orderBy("clusters.name")
    .execute();
  const leads = await leadsOf(
    db,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    programmeYearId: row.programme_year_id,
    academicYear: row.academic_year,
    programmeName: row.programme_name,
    facilitationSchool: { id: row.facilitation_id, name: row.facilitation_name },
    schoolCount: Number(row.school_count ?? 0),
    trioCount: Number(row.trio_count ?? 0),
    programmeLeads: leads.get(row.id) ?? [],
  }));
}

/** A cluster as its programme lead sees it: schools, trios, and each team against the programme's guidance. */
export async function clusterDetail(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: Date,
): Promise<ClusterDetail> {
  const [summary] = await listClusters(db, actor, now, { id });
  if (!summary) throw new NotFound("cluster");
  const enrolments = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.id",
      "enrolments.trio_id",
      "enrolments.trio_role",
      "schools.id as school_id",
      "schools.name",
      "schools.short_code",
      "schools.phase",
    ])
    .where("enrolments.cluster_id", "=", id)
    .orderBy("schools.name")
    .execute();
  const teams = await teamMembersOf(
    db,
    enrolments.map((e) => e.id),
  );
  return {
    ...summary,
    enrolments: enrolments.map((e) => {
      const members = teams.get(e.id) ?? [];
      return {
        id: e.id,
        school: {
          id: e.school_id,
          name: e.name,
          shortCode: e.short_code,
          phase: e.phase,
        },
        trioId: e.trio_id,
        trioRole: e.trio_role,
        teamSize: members.length,
        composition: compositionOf(e.phase, members),
      };
    }),
    trios: await triosOfCluster(db, id),
  };
}

/**
 * Creates a cluster in a programme year with its facilitation school, and
 * prepares the invitations of its programme leads, all in one transaction with
 * the cluster's audit row first.
 */
export async function createCluster(
  deps: Pick<AppDeps, "db">,
  actor: Actor,
  now: Date,
  ip: string,
  body: CreateCluster,
): Promise<{ clusterId: string; invitations: PreparedInvitation[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const year = await trx
      .selectFrom("programme_years")
      .select("id")
      .where("id", "=", body.programmeYearId)
      .executeTakeFirst();
    if (!year)
      throw new ValidationProblem("No such programme year.", [
        { field: "programmeYearId", message: "Choose an open programme year." },
      ]);
    const school = await trx
      .selectFrom("schools")
      .select(["id", "archived_at"])
      .where("id", "=", body.facilitationSchoolId)
      .executeTakeFirst();
    if (!school || school.archived_at) {
      throw new ValidationProblem("No such school.", [
        { field: "facilitationSchoolId", message: "Choose a school that is not archived." },
      ]);
    }
    const clash = await trx
      .selectFrom("clusters")
      .select("id")
      .where("programme_year_id", "=", body.programmeYearId)
      .where((eb) => eb(eb.fn("lower", ["name"]), "=", body.name.toLowerCase()))
      .executeTakeFirst();
    if (clash) {
      throw new Conflict(`A cluster called ${body.name} already exists this year.`, {
        errors: [{ field: "name", message: "This name is taken this year." }],
      });
    }
    const cluster = await trx
      .insertInto("clusters")
      .values({
        programme_year_id: body.programmeYearId,
        name: body.name,
        facilitation_school_id: body.facilitationSchoolId,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, now, {
      action: "cluster.created",
      actorUserId: actor.userId,
      targetType: "cluster",
      targetId: cluster.id,
      ip,
    });
    const invitations: PreparedInvitation[] = [];
    for (const email of new Set(body.programmeLeadEmails)) {
      invitations.push(
        await prepareInvitation(
          trx,
          actor,
          { email, role: "programme_lead", scopeType: "cluster", scopeId: cluster.id },
          now,
          ip,
        ),
      );
    }
    return { clusterId: cluster.id, invitations };
  });
}
