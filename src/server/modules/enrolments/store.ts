import type { ExpressionBuilder, Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { SchoolPhase } from "../../../domain/team-composition.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { teamMembersOf } from "./team-store.ts";

/**
 * Re-exported for the modules that import them from here (demo, workshops); their
 * homes are the domain (the role mapping) and ./team-store.ts (a team's members).
 */

/** Enrolments an actor may see: their own schools', and those of the clusters they lead. */
export function visibleEnrolments(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "enrolments">) => {
    if (isNetworkAdmin(actor)) return eb.lit(true);
    const own = schoolIdsOf(actor);
    const led = clusterIdsLedBy(actor);
    const clauses = [];
    if (own.length > 0) clauses.push(eb("enrolments.school_id", "in", own));
    if (led.length > 0) clauses.push(eb("enrolments.cluster_id", "in", led));
    return clauses.length > 0 ? eb.or(clauses) : eb.lit(false);
  };
}

export interface EnrolmentFacts {
  id: string;
  schoolId: string;
  schoolName: string;
  phase: SchoolPhase;
  clusterId: string;
  programmeYearId: string;
  trioId: string | null;
  trioRole: "lead" | "accelerator" | null;
}

/** The enrolment if the actor may see it; 404 otherwise. */
export async function enrolmentInScope(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<EnrolmentFacts> {
  const row = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.id",
      "enrolments.school_id",
      "schools.name as school_name",
      "schools.phase",
      "enrolments.cluster_id",
      "enrolments.programme_year_id",
      "enrolments.trio_id",
      "enrolments.trio_role",
    ])
    .where("enrolments.id", "=", id)
    .where(visibleEnrolments(actor))
    .executeTakeFirst();
  if (!row) throw new NotFound("enrolment");
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    phase: row.phase,
    clusterId: row.cluster_id,
    programmeYearId: row.programme_year_id,
    trioId: row.trio_id,
    trioRole: row.trio_role,
  };
}

/**
 * Enrols a school in a cluster for the cluster's programme year: the cluster must
 * exist, the school must not be archived, and the school may not already be
 * enrolled that year. Returns the new enrolment's id.
 */
export async function insertEnrolment(
  trx: Kysely<DB>,
  now: Date,
  { schoolId, clusterId }: { schoolId: string; clusterId: string },
): Promise<string> {
  const cluster = await trx
    .selectFrom("clusters")
    .select(["id", "programme_year_id"])
    .where("id", "=", clusterId)
    .executeTakeFirst();
  if (!cluster)
    throw new ValidationProblem("No such cluster.", [
      { field: "clusterId", message: "Choose an existing cluster." },
    ]);
  const school = await trx
    .selectFrom("schools")
    .select(["id", "archived_at"])
    .where("id", "=", schoolId)
    .executeTakeFirst();
  if (!school || school.archived_at) {
    throw new ValidationProblem("No such school.", [
      { field: "schoolId", message: "Choose a school that is not archived." },
    ]);
  }
  const existing = await trx
    .selectFrom("enrolments")
    .innerJoin("clusters", "clusters.id", "enrolments.cluster_id")
    .select(["clusters.name"])
    .where("enrolments.school_id", "=", schoolId)
    .where("enrolments.programme_year_id", "=", cluster.programme_year_id)
    .executeTakeFirst();
  if (existing) {
    throw new Conflict(`This school is already enrolled this year, in ${existing.name}.`, {
      errors: [
        {
          field: "schoolId",
          message: `Already enrolled in ${existing.name} this programme year.`,
        },
      ],
    });
  }
  const row = await trx
    .insertInto("enrolments")
    .values({
      school_id: schoolId,
      programme_year_id: cluster.programme_year_id,
      cluster_id: clusterId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Withdraws an enrolment made in error: only while it has no trio and no team.
 * Its open team invitations are revoked, and all of them let go of it.
 */
export async function deleteEnrolment(
  trx: Kysely<DB>,
  now: Date,
  enrolment: EnrolmentFacts,
): Promise<void> {
  if (enrolment.trioId) throw new Conflict("This school is in a trio. Dissolve the trio first.");
  const members =
    (await teamMembersOf(trx, [enrolment.id], { includeAwaiting: true })).get(enrolment.id) ?? [];
  if (members.length > 0) throw new Conflict("This school's team has members. Remove them first.");
  await trx
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("team_enrolment_id", "=", enrolment.id)
    .where("accepted_at", "is", null)
    .execute();
  await trx
    .updateTable("invitations")
    .set({ team_enrolment_id: null })
    .where("team_enrolment_id", "=", enrolment.id)
    .execute();
  await trx.deleteFrom("enrolments").where("id", "=", enrolment.id).execute();
}
