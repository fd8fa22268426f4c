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
import { createSession } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf, PUBLIC } from "../../context.ts";
import { Conflict, Forbidden, Gone, NotFound, ValidationProblem } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { assertAcceptablePassword, hashPassword } from "../auth/passwords.ts";
import { notifyPendingMembership } from "../memberships/service.ts";
import { findUserByEmail, insertUser, listMemberships, scopeName } from "../users/store.ts";
import { assertRoleFitsScope, mayInvite, viewerOf } from "./policy.ts";
import { deliverInvitation, joinInvitation, prepareInvitation } from "./service.ts";
import { findUsableInvitation, listPendingInvitations, revokeInvitation } from "./store.ts";

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
      return {
        email: row.email,
        role: row.role as Role,
        scopeType: row.scope_type as ScopeType,
        scopeName:
          (await scopeName(deps.db, row.scope_type as ScopeType, row.scope_id)) ?? "(removed)",
        expiresAt: row.expires_at.toISOString(),
        viewer: viewerOf(request.actor, row.email),
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
          "Accept an invitation: signed in as the invited email, join with that account; signed out, create the account (name and password)",
        body: acceptInvitationSchema,
        response: { 201: meSchema },
      },
    },
    async (request, reply) => {
      const { token, name, password } = request.body;
      const now = deps.clock.now();
      const client = clientOf(request);
      const actor = request.actor;
      const refuse = async (reason: string, invitationId?: string) =>
        recordAudit(deps.db, now, {
          action: "invitation.accept_failed",
          actorUserId: actor?.userId ?? null,
          targetType: invitationId ? "invitation" : undefined,
          targetId: invitationId,
          ip: client.ip,
          details: { reason },
        });

      const invitation = await findUsableInvitation(deps.db, token, now);
      if (!invitation) {
        await refuse("unusable");
        throw new Gone(INVITATION_GONE);
      }

      if (actor) {
        if (viewerOf(actor, invitation.email) !== "invitee") {
          await refuse("signed_in_as_someone_else", invitation.id);
          throw new Forbidden(
            `This invitation is for ${invitation.email}, and you are signed in as ${actor.email}. Sign out, then open the invitation link again.`,
          );
        }
        const joined = await deps.db
          .transaction()
          .execute((trx) => joinInvitation(trx, invitation, actor.userId, now, client.ip));
        if (!joined) {
          await refuse("unusable", invitation.id);
          throw new Gone(INVITATION_GONE);
        }
        if (joined.pendingMembershipId)
          await notifyPendingMembership(deps, request, joined.pendingMembershipId);
        reply.code(201);
        return {
          id: actor.userId,
          name: actor.name,
          email: actor.email,
          memberships: await listMemberships(deps.db, actor.userId),
          pendingMemberships: await listMemberships(deps.db, actor.userId, { pending: true }),
        };
      }

      const missing = [
        ...(name === undefined ? [{ field: "name", message: "Enter your name." }] : []),
        ...(password === undefined ? [{ field: "password", message: "Choose a password." }] : []),
      ];
      if (name === undefined || password === undefined) {
        await refuse("incomplete", invitation.id);
        throw new ValidationProblem("Give your name and a password for the new account.", missing);
      }
      const school = await scopeName(
        deps.db,
        invitation.scope_type as ScopeType,
        invitation.scope_id,
      );
      try {
        assertAcceptablePassword(password, [invitation.email, name, school ?? ""]);
      } catch (error) {
        await refuse("password_refused", invitation.id);
        throw error;
      }
      if (await findUserByEmail(deps.db, invitation.email)) {
        // The account's owner signs in (throttled, audited) and then accepts.
        await refuse("account_exists", invitation.id);
        throw new Conflict(
          `${invitation.email} already has a Cascade account. Sign in with it, then accept the invitation.`,
          { signInToAccept: true },
        );
      }
      const passwordHash = await hashPassword(password);
      const result = await deps.db.transaction().execute(async (trx) => {
        const userId = await insertUser(trx, {
          email: invitation.email,
          name,
          passwordHash,
          createdAt: now,
        });
        const joined = await joinInvitation(trx, invitation, userId, now, client.ip);
        if (!joined) return null;
        return {
          userId,
          session: await createSession(trx, userId, now, client, "invitation"),
          pendingMembershipId: joined.pendingMembershipId,
        };
      });
      if (!result) {
        await refuse("unusable", invitation.id);
        throw new Gone(INVITATION_GONE);
      }
      if (result.pendingMembershipId)
        await notifyPendingMembership(deps, request, result.pendingMembershipId);
      // No "keep me signed in" choice here: the cookie ends with the browser.
      setSessionCookie(reply, deps, result.session.token, null);
      reply.code(201);
      return {
        id: result.userId,
        name,
        email: invitation.email,
        memberships: await listMemberships(deps.db, result.userId),
        pendingMemberships: await listMemberships(deps.db, result.userId, { pending: true }),
      };
    },
  );
}
