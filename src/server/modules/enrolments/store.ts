import type { ExpressionBuilder, Kysely } from "kysely";
import type { Composition, TeamMember } from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import {
  checkTeamComposition,
  type SchoolPhase,
  type TeamRole,
} from "../../../domain/team-composition.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";

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
    phase: row.phase as SchoolPhase,
    clusterId: row.cluster_id,
    programmeYearId: row.programme_year_id,
    trioId: row.trio_id,
    trioRole: row.trio_role,
  };
}

/**
 * Team members of several enrolments at once. A member whose role at the school
 * still waits for approval is left out (they hold no role there yet), unless
 * `includeAwaiting` asks for them, marked, for the team's own page.
 */
export async function teamMembersOf(
  db: Kysely<DB>,
  enrolmentIds: string[],
  { includeAwaiting = false }: { includeAwaiting?: boolean } = {},
): Promise<Map<string, TeamMember[]>> {
  const result = new Map<string, TeamMember[]>(enrolmentIds.map((id) => [id, []]));
  if (enrolmentIds.length === 0) return result;
  const rows = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .innerJoin("enrolments", "enrolments.id", "team_members.enrolment_id")
    .select((eb) => [
      "team_members.id",
      "team_members.enrolment_id",
      "team_members.user_id",
      "users.name",
      "users.email",
      "team_members.team_role",
      "team_members.subject",
      eb
        .not(
          eb.exists(
            eb
              .selectFrom("memberships")
              .select("memberships.id")
              .whereRef("memberships.user_id", "=", "team_members.user_id")
              .where("memberships.scope_type", "=", "school")
              .whereRef("memberships.scope_id", "=", "enrolments.school_id")
              .where("memberships.pending", "=", false),
          ),
        )
        .as("awaiting_approval"),
    ])
    .where("team_members.enrolment_id", "in", enrolmentIds)
    .orderBy("team_members.team_role")
    .orderBy("users.name")
    .execute();
  for (const row of rows) {
    if (row.awaiting_approval && !includeAwaiting) continue;
    result.get(row.enrolment_id)?.push({
      awaitingApproval: Boolean(row.awaiting_approval),
      id: row.id,
      userId: row.user_id,
      name: row.name,
      email: row.email,
      teamRole: row.team_role as TeamRole,
      subject: row.subject,
    });
  }
  return result;
}

export function compositionOf(phase: SchoolPhase, members: TeamMember[]): Composition {
  return checkTeamComposition(
    phase,
    members
      .filter((m) => !m.awaitingApproval)
      .map((m) => ({ teamRole: m.teamRole, subject: m.subject })),
  );
}

export async function pendingTeamInvitations(db: Kysely<DB>, enrolmentId: string, now: Date) {
  const rows = await db
    .selectFrom("invitations")
    .select(["id", "email", "role", "subject", "expires_at"])
    .where("team_enrolment_id", "=", enrolmentId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    teamRole: teamRoleOf(row.role),
    subject: row.subject,
    expiresAt: row.expires_at.toISOString(),
  }));
}

/** The team role that goes with a school role, and back. */
export const TEAM_ROLE_FOR = {
  school_leader: "leader",
  teacher: "teacher",
  para_professional: "para_professional",
} as const;

export const SCHOOL_ROLE_FOR = {
  leader: "school_leader",
  teacher: "teacher",
  para_professional: "para_professional",
} as const;

export function teamRoleOf(role: string): TeamRole {
  return TEAM_ROLE_FOR[role as keyof typeof TEAM_ROLE_FOR] ?? "teacher";
}
