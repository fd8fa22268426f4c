import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { meSchema } from "../../../contracts/auth.ts";
import {
  acceptInvitationSchema,
  createInvitationSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenSchema,
  pendingInvitationSchema,
} from "../../../contracts/invitations.ts";
import type { Role, ScopeType } from "../../../contracts/roles.ts";
import { type AppDeps, anyOf, PUBLIC } from "../../context.ts";
import { Forbidden, Gone, InvalidCredentials, NotFound } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { recordAudit } from "../audit/store.ts";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "../auth/passwords.ts";
import { createSession } from "../auth/sessions.ts";
import { teamRoleOf } from "../enrolments/store.ts";
import {
  addMembership,
  findUserByEmail,
  insertUser,
  listMemberships,
  scopeName,
} from "../users/store.ts";
import { assertRoleFitsScope, mayInvite } from "./policy.ts";
import { deliverInvitation, prepareInvitation } from "./service.ts";
import {
  findUsableInvitation,
  listPendingInvitations,
  markAccepted,
  revokeInvitation,
} from "./store.ts";

export const INVITATION_GONE =
  "This invitation link has already been used, has expired or was withdrawn. Ask for a new one.";

export async function invitationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/invitations",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["invitations"],
        summary: "Invite a person by email to a role over a scope",
        body: createInvitationSchema,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { email, role, scopeType } = request.body;
      const scopeId = request.body.scopeId ?? null;
      assertRoleFitsScope(role, scopeType, scopeId);
      if (!mayInvite(actor)) throw new Forbidden("Your role cannot invite people to this role.");
      const name = await scopeName(deps.db, scopeType, scopeId);
      if (name === undefined) throw new NotFound(scopeType);
      const now = deps.clock.now();

      const prepared = await deps.db
        .transaction()
        .execute((trx) =>
          prepareInvitation(trx, actor, { email, role, scopeType, scopeId }, now, request.ip),
        );
      const { row } = prepared;
      const delivery = await deliverInvitation(deps, request, actor, prepared, name);
      reply.code(201);
      return {
        id: row.id,
        email: row.email,
        role: row.role as Role,
        scopeType: row.scope_type as ScopeType,
        scopeId: row.scope_id,
        scopeName: name,
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        ...delivery,
      };
    },
  );

  r.get(
    "/api/invitations",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["invitations"],
        summary: "Invitations not yet accepted",
        response: { 200: z.object({ items: z.array(pendingInvitationSchema) }) },
      },
    },
    async () => {
      const rows = await listPendingInvitations(deps.db, deps.clock.now());
      const items = await Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          email: row.email,
          role: row.role as Role,
          scopeType: row.scope_type as ScopeType,
          scopeId: row.scope_id,
          scopeName:
            (await scopeName(deps.db, row.scope_type as ScopeType, row.scope_id)) ?? "(removed)",
          createdAt: row.created_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
        })),
      );
      return { items };
    },
  );

  r.delete(
    "/api/invitations/:id",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["invitations"],
        summary: "Withdraw an invitation that has not been accepted",
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        if (!(await revokeInvitation(trx, request.params.id, now)))
          throw new NotFound("pending invitation");
        await recordAudit(trx, now, {
          action: "invitation.withdrawn",
          actorUserId: actor.userId,
          targetType: "invitation",
          targetId: request.params.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/api/invitations/preview",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["invitations"],
        summary: "What an invitation offers (the token travels in the body, never the URL)",
        body: invitationTokenSchema,
        response: { 200: invitationPreviewSchema },
      },
    },
    async (request) => {
      const row = await findUsableInvitation(deps.db, request.body.token, deps.clock.now());
      if (!row) throw new Gone(INVITATION_GONE);
      const existing = await findUserByEmail(deps.db, row.email);
      return {
        email: row.email,
        role: row.role as Role,
        scopeType: row.scope_type as ScopeType,
        scopeName:
          (await scopeName(deps.db, row.scope_type as ScopeType, row.scope_id)) ?? "(removed)",
        expiresAt: row.expires_at.toISOString(),
        existingAccount: existing !== undefined,
      };
    },
  );

  r.post(
    "/api/invitations/accept",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["invitations"],
        summary:
          "Accept an invitation: set name and password (or confirm an existing account), signed in",
        body: acceptInvitationSchema,
        response: { 201: meSchema },
      },
    },
    async (request, reply) => {
      const { token, name, password } = request.body;
      const now = deps.clock.now();
      const client = clientOf(request);
      const invitation = await findUsableInvitation(deps.db, token, now);
      if (!invitation) throw new Gone(INVITATION_GONE);
      const existing = await findUserByEmail(deps.db, invitation.email);
      if (existing) {
        // Joining with an account that already exists proves it is theirs.
        if (!(await verifyPassword(existing.password_hash, password)))
          throw new InvalidCredentials();
        if (existing.disabled_at !== null) throw new Forbidden("This account has been disabled.");
      } else {
        assertAcceptablePassword(password, [invitation.email.split("@")[0] ?? "", name]);
      }
      const passwordHash = existing ? undefined : await hashPassword(password);

      const { userId, session } = await deps.db.transaction().execute(async (trx) => {
        const userId =
          existing?.id ??
          (await insertUser(trx, {
            email: invitation.email,
            name,
            passwordHash: passwordHash ?? "",
            createdAt: now,
          }));
        if (!(await markAccepted(trx, invitation.id, userId, now))) throw new Gone(INVITATION_GONE);
        await addMembership(trx, {
          userId,
          role: invitation.role as Role,
          scopeType: invitation.scope_type as ScopeType,
          scopeId: invitation.scope_id,
        });
        if (invitation.team_enrolment_id) {
          await trx
            .insertInto("team_members")
            .values({
              enrolment_id: invitation.team_enrolment_id,
              user_id: userId,
              team_role: teamRoleOf(invitation.role),
              subject: invitation.subject,
              created_at: now,
            })
            .onConflict((oc) => oc.columns(["enrolment_id", "user_id"]).doNothing())
            .execute();
        }
        await recordAudit(trx, now, {
          action: "invitation.accepted",
          actorUserId: userId,
          targetType: "invitation",
          targetId: invitation.id,
          ip: client.ip,
        });
        return { userId, session: await createSession(trx, userId, now, client) };
      });
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      reply.code(201);
      return {
        id: userId,
        name: existing?.name ?? name,
        email: invitation.email,
        memberships: await listMemberships(deps.db, userId),
      };
    },
  );
}
