import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { meSchema } from "../../../contracts/auth.ts";
import {
  acceptInvitationSchema,
  invitationPreviewSchema,
  invitationTokenSchema,
} from "../../../contracts/invitations.ts";
import { authorize } from "../../access/authorize.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { Conflict, Gone, ValidationProblem } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { clientOf } from "../../request-info.ts";
import { presentMe } from "../auth/me.ts";
import { assertAcceptablePassword, hashPassword } from "../auth/passwords.ts";
import { notifyPendingMembership } from "../memberships/service.ts";
import { findUserByEmail, REMOVED_SCOPE, scopeName } from "../users/store.ts";
import { invitationPolicy, viewerOf } from "./policy.ts";
import { joinWithAccount, joinWithNewAccount, recordAcceptRefusal } from "./service.ts";
import { findUsableInvitation } from "./store.ts";

export const INVITATION_GONE =
  "This invitation link has already been used, has expired or was withdrawn. Ask for a new one.";

/** Opening an invitation link: what it offers, and accepting it with an account old or new. */
export async function invitationAcceptRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
        role: row.role,
        scopeType: row.scope_type,
        scopeName: (await scopeName(deps.db, row.scope_type, row.scope_id)) ?? REMOVED_SCOPE,
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
      const refuse = (reason: string, invitationId?: string) =>
        recordAcceptRefusal(deps.db, now, {
          actorUserId: actor?.userId ?? null,
          ip: client.ip,
          reason,
          invitationId,
        });
      const me = (user: { id: string; name: string; email: string }) =>
        presentMe(deps.db, user, { withPending: true });

      const invitation = await findUsableInvitation(deps.db, token, now);
      if (!invitation) {
        await refuse("unusable");
        throw new Gone(INVITATION_GONE);
      }

      if (actor) {
        const mayJoin = invitationPolicy.joinWithAccount(actor, invitation);
        if (!mayJoin) await refuse("signed_in_as_someone_else", invitation.id);
        authorize(
          mayJoin,
          `This invitation is for ${invitation.email}, and you are signed in as ${actor.email}. Sign out, then open the invitation link again.`,
        );
        const joined = await joinWithAccount(deps.db, invitation, actor.userId, now, client.ip);
        if (!joined) {
          await refuse("unusable", invitation.id);
          throw new Gone(INVITATION_GONE);
        }
        if (joined.pendingMembershipId)
          await notifyPendingMembership(deps, request, joined.pendingMembershipId);
        reply.code(201);
        return me({ id: actor.userId, name: actor.name, email: actor.email });
      }

      const missing = [
        ...(name === undefined ? [{ field: "name", message: "Enter your name." }] : []),
        ...(password === undefined ? [{ field: "password", message: "Choose a password." }] : []),
      ];
      if (name === undefined || password === undefined) {
        await refuse("incomplete", invitation.id);
        throw new ValidationProblem("Give your name and a password for the new account.", missing);
      }
      const school = await scopeName(deps.db, invitation.scope_type, invitation.scope_id);
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
      const result = await joinWithNewAccount(
        deps.db,
        invitation,
        { name, passwordHash },
        now,
        client,
      );
      if (!result) {
        await refuse("unusable", invitation.id);
        throw new Gone(INVITATION_GONE);
      }
      if (result.pendingMembershipId)
        await notifyPendingMembership(deps, request, result.pendingMembershipId);
      // No "keep me signed in" choice here: the cookie ends with the browser.
      setSessionCookie(reply, deps, result.session.token, null);
      reply.code(201);
      return me({ id: result.userId, name, email: invitation.email });
    },
  );
}
