import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { invitationSchema } from "../../../contracts/invitations.ts";
import {
  createEnrolmentSchema,
  enrolmentSchema,
  inviteTeamMemberSchema,
  teamSchema,
} from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import { SUBJECTS } from "../../../domain/team-composition.ts";
import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, Forbidden, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { deliverInvitation, prepareInvitation } from "../invitations/service.ts";
import { presentEnrolment } from "./present.ts";
import {
  compositionOf,
  type EnrolmentFacts,
  enrolmentInScope,
  pendingTeamInvitations,
  SCHOOL_ROLE_FOR,
  teamMembersOf,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Managing a team: the school's own leaders, and network administrators. */
const mayManageTeam = (actor: Actor, enrolment: EnrolmentFacts) =>
  isNetworkAdmin(actor) || isSchoolLeaderOf(actor, enrolment.schoolId);

/** An enrolment the actor can see and whose team they manage: 404 outside sight, 403 within it. */
async function enrolmentToManage(
  db: Kysely<DB>,
  actor: Actor,
  enrolmentId: string,
): Promise<EnrolmentFacts> {
  const enrolment = await enrolmentInScope(db, actor, enrolmentId);
  if (!mayManageTeam(actor, enrolment))
    throw new Forbidden("Only the school's leaders manage its team.");
  return enrolment;
}

export async function enrolmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");
  const teamManagers = anyOf("network_admin", "school_leader");

  r.post(
    "/api/enrolments",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Enrol a school in a cluster (one cluster per school per programme year)",
        body: createEnrolmentSchema,
        response: { 201: enrolmentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const { schoolId, clusterId } = request.body;
      const id = await deps.db.transaction().execute(async (trx) => {
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
        await recordAudit(trx, now, {
          action: "enrolment.created",
          actorUserId: actor.userId,
          targetType: "enrolment",
          targetId: row.id,
          ip: request.ip,
        });
        return row.id;
      });
      reply.code(201);
      return presentEnrolment(deps.db, id);
    },
  );

  r.get(
    "/api/enrolments/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["network"],
        summary: "A school's enrolment: its cluster and trio, the other schools by name",
        params: idParams,
        response: { 200: enrolmentSchema },
      },
    },
    async (request) => {
      const enrolment = await enrolmentInScope(deps.db, actorOf(request), request.params.id);
      return presentEnrolment(deps.db, enrolment.id);
    },
  );

  r.delete(
    "/api/enrolments/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Withdraw an enrolment made in error (only while it has no trio and no team)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        const enrolment = await enrolmentInScope(trx, actor, request.params.id);
        if (enrolment.trioId)
          throw new Conflict("This school is in a trio. Dissolve the trio first.");
        const members =
          (await teamMembersOf(trx, [enrolment.id], { includeAwaiting: true })).get(enrolment.id) ??
          [];
        if (members.length > 0)
          throw new Conflict("This school's team has members. Remove them first.");
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
        await recordAudit(trx, now, {
          action: "enrolment.withdrawn",
          actorUserId: actor.userId,
          targetType: "enrolment",
          targetId: enrolment.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );

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
      const canManage = mayManageTeam(actor, enrolment);
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
      const needsSubject =
        teamRole === "teacher" &&
        (enrolment.phase === "secondary" || enrolment.phase === "all_through");
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
      const role = SCHOOL_ROLE_FOR[teamRole];
      const prepared = await deps.db.transaction().execute((trx) =>
        prepareInvitation(
          trx,
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
        ),
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
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        const enrolment = await enrolmentToManage(trx, actor, request.params.id);
        const member = await trx
          .selectFrom("team_members")
          .select(["id", "user_id", "team_role"])
          .where("id", "=", request.params.memberId)
          .where("enrolment_id", "=", enrolment.id)
          .executeTakeFirst();
        if (!member) throw new NotFound("team member");
        if (member.user_id === actor.userId) {
          throw new Conflict(
            "You cannot remove yourself from the team; ask another leader or an administrator.",
          );
        }
        await trx.deleteFrom("team_members").where("id", "=", member.id).execute();
        // The role at the school goes with the team place, unless another team of the school still holds it.
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
        await recordAudit(trx, now, {
          action: "team.member_removed",
          actorUserId: actor.userId,
          targetType: "team_member",
          targetId: member.id,
          ip: request.ip,
          details: { enrolmentId: enrolment.id, userId: member.user_id },
        });
      });
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
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        const enrolment = await enrolmentToManage(trx, actor, request.params.id);
        const withdrawn = await trx
          .updateTable("invitations")
          .set({ revoked_at: now })
          .where("id", "=", request.params.invitationId)
          .where("team_enrolment_id", "=", enrolment.id)
          .where("accepted_at", "is", null)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        if (Number(withdrawn.numUpdatedRows) !== 1) throw new NotFound("pending team invitation");
        await recordAudit(trx, now, {
          action: "invitation.withdrawn",
          actorUserId: actor.userId,
          targetType: "invitation",
          targetId: request.params.invitationId,
          ip: request.ip,
          details: { enrolmentId: enrolment.id },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
