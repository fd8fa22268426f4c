import type { Kysely } from "kysely";
import type { Composition, TeamMember } from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import {
  checkTeamComposition,
  SCHOOL_ROLE_FOR,
  type SchoolPhase,
  teamRoleOf,
} from "../../../domain/team-composition.ts";
import { Conflict, NotFound } from "../../errors.ts";

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
      teamRole: row.team_role,
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

/**
 * Removes a member from an enrolment's team. Their role at the school goes with
 * the team place, unless another team of the school still holds it. Nobody
 * removes themselves. Returns the removed member.
 */
export async function removeTeamMember(
  trx: Kysely<DB>,
  actorUserId: string,
  enrolment: { id: string; schoolId: string },
  memberId: string,
): Promise<{ id: string; userId: string }> {
  const member = await trx
    .selectFrom("team_members")
    .select(["id", "user_id", "team_role"])
    .where("id", "=", memberId)
    .where("enrolment_id", "=", enrolment.id)
    .executeTakeFirst();
  if (!member) throw new NotFound("team member");
  if (member.user_id === actorUserId) {
    throw new Conflict(
      "You cannot remove yourself from the team; ask another leader or an administrator.",
    );
  }
  await trx.deleteFrom("team_members").where("id", "=", member.id).execute();
  const role = SCHOOL_ROLE_FOR[member.team_role as keyof typeof SCHOOL_ROLE_FOR];
  const stillOnATeam = await trx
    .selectFrom("team_members")
    .innerJoin("enrolments", "enrolments.id", "team_members.enrolment_id")
    .select("team_members.id")
    .where("team_members.user_id", "=", member.user_id)
    .where("team_members.team_role", "=", member.team_role)
    .where("enrolments.school_id", "=", enrolment.schoolId)
    .executeTakeFirst();
  if (!stillOnATeam) {
    await trx
      .deleteFrom("memberships")
      .where("user_id", "=", member.user_id)
      .where("role", "=", role)
      .where("scope_type", "=", "school")
      .where("scope_id", "=", enrolment.schoolId)
      .execute();
  }
  return { id: member.id, userId: member.user_id };
}

/** Revokes a team invitation that is still open; 404 when there is none. */
export async function revokeTeamInvitation(
  trx: Kysely<DB>,
  now: Date,
  enrolmentId: string,
  invitationId: string,
): Promise<void> {
  const withdrawn = await trx
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("id", "=", invitationId)
    .where("team_enrolment_id", "=", enrolmentId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(withdrawn.numUpdatedRows) !== 1) throw new NotFound("pending team invitation");
}
