import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { invitationSchema } from "../../../contracts/invitations.ts";
import { inviteTeamMemberSchema, teamSchema } from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import {
  SCHOOL_ROLE_FOR,
  type SchoolPhase,
  SUBJECTS,
  type TeamRole,
} from "../../../domain/team-composition.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { deliverInvitation, prepareInvitationAlone } from "../invitations/service.ts";
import { enrolmentPolicy } from "./policy.ts";
import { type EnrolmentFacts, enrolmentInScope } from "./store.ts";
import {
  compositionOf,
  pendingTeamInvitations,
  removeTeamMember,
  revokeTeamInvitation,
  teamMembersOf,
} from "./team-store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const MANAGE_TEAM = "Only the school's leaders manage its team.";

/** An enrolment the actor can see and whose team they manage: 404 outside sight, 403 within it. */
async function enrolmentToManage(
  db: Kysely<DB>,
  actor: Actor,
  enrolmentId: string,
): Promise<EnrolmentFacts> {
  const enrolment = await enrolmentInScope(db, actor, enrolmentId);
  authorize(enrolmentPolicy.manageTeam(actor, enrolment), MANAGE_TEAM);
  return enrolment;
}

/** A teacher in a secondary (or all-through) school has a subject; nobody else does. */
function checkSubject(phase: SchoolPhase, teamRole: TeamRole, subject: string | null) {
  const needsSubject = teamRole === "teacher" && (phase === "secondary" || phase === "all_through");
  if (needsSubject && !subject) {
    throw new ValidationProblem("Give the teacher's subject.", [
      {
        field: "subject",
        message:
          "Secondary teachers are recorded with their subject (the programme asks for maths and English).",
      },
    ]);
  }
  if (subject && !SUBJECTS.some((s) => s.key === subject)) {
    throw new ValidationProblem("Unknown subject.", [
      { field: "subject", message: `Choose one of: ${SUBJECTS.map((s) => s.key).join(", ")}.` },
    ]);
  }
  if (subject && teamRole !== "teacher") {
    throw new ValidationProblem("Only teachers have a subject here.", [
      {
        field: "subject",
        message: "Leave the subject empty for leaders and para-professionals.",
      },
    ]);
  }
}

/** A school's team for one enrolment: who is on it, and inviting and removing its members. */
export async function teamRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const teamManagers = anyOf("network_admin", "school_leader");

  r.get(
    "/api/enrolments/:id/team",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["teams"],
        summary: "The school's team for this enrolment, with the programme's composition check",
        params: idParams,
        response: { 200: teamSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enrolment = await enrolmentInScope(deps.db, actor, request.params.id);
      const members =
        (await teamMembersOf(deps.db, [enrolment.id], { includeAwaiting: true })).get(
          enrolment.id,
        ) ?? [];
      const canManage = enrolmentPolicy.manageTeam(actor, enrolment);
      return {
        enrolmentId: enrolment.id,
        schoolName: enrolment.schoolName,
        phase: enrolment.phase,
        members,
        pendingInvitations: canManage
          ? await pendingTeamInvitations(deps.db, enrolment.id, deps.clock.now())
          : [],
        composition: compositionOf(enrolment.phase, members),
        canManage,
      };
    },
  );

  r.post(
    "/api/enrolments/:id/team",
    {
      config: { access: teamManagers },
      schema: {
        tags: ["teams"],
        summary: "Invite a member of staff to the team as leader, teacher or para-professional",
        params: idParams,
        body: inviteTeamMemberSchema,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const enrolment = await enrolmentToManage(deps.db, actor, request.params.id);
      const { email, teamRole } = request.body;
      const subject = request.body.subject ?? null;
      checkSubject(enrolment.phase, teamRole, subject);
      const role = SCHOOL_ROLE_FOR[teamRole];
      const prepared = await prepareInvitationAlone(
        deps.db,
        actor,
        {
          email,
          role,
          scopeType: "school",
          scopeId: enrolment.schoolId,
          teamEnrolmentId: enrolment.id,
          subject,
        },
        now,
        request.ip,
      );
      const delivery = await deliverInvitation(
        deps,
        request,
        actor,
        prepared,
        enrolment.schoolName,
      );
      reply.code(201);
      return {
        id: prepared.row.id,
        email: prepared.row.email,
        role,
        scopeType: "school" as const,
        scopeId: enrolment.schoolId,
        scopeName: enrolment.schoolName,
        createdAt: prepared.row.created_at.toISOString(),
        expiresAt: prepared.row.expires_at.toISOString(),
        ...delivery,
      };
    },
  );

  r.delete(
    "/api/enrolments/:id/team/:memberId",
    {
      config: { access: teamManagers },
      schema: {
        tags: ["teams"],
        summary: "Remove a member from the team (their role at the school ends with it)",
        params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await auditedChange(
        deps,
        actor,
        async (trx) => {
          const enrolment = await enrolmentToManage(trx, actor, request.params.id);
          const member = await removeTeamMember(
            trx,
            actor.userId,
            enrolment,
            request.params.memberId,
          );
          return { enrolmentId: enrolment.id, member };
        },
        ({ enrolmentId, member }) => ({
          action: "team.member_removed",
          targetType: "team_member",
          targetId: member.id,
          details: { enrolmentId, userId: member.userId },
        }),
      );
      return reply.code(204).send(null);
    },
  );

  r.delete(
    "/api/enrolments/:id/team-invitations/:invitationId",
    {
      config: { access: teamManagers },
      schema: {
        tags: ["teams"],
        summary: "Withdraw a team invitation that has not been accepted (its link stops working)",
        params: z.strictObject({ id: z.uuid(), invitationId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { invitationId } = request.params;
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const enrolment = await enrolmentToManage(trx, actor, request.params.id);
          await revokeTeamInvitation(trx, now, enrolment.id, invitationId);
          return enrolment.id;
        },
        (enrolmentId) => ({
          action: "invitation.withdrawn",
          targetType: "invitation",
          targetId: invitationId,
          details: { enrolmentId },
        }),
      );
      return reply.code(204).send(null);
    },
  );
}
