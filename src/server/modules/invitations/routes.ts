import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createInvitationSchema,
  invitationSchema,
  pendingInvitationSchema,
} from "../../../contracts/invitations.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { scopeName } from "../users/store.ts";
import { assertRoleFitsScope, invitationPolicy } from "./policy.ts";
import { deliverInvitation, prepareInvitationAlone } from "./service.ts";
import { listPendingInvitations, revokeInvitation } from "./store.ts";

/** Inviting people by email, and the administrators' list of invitations not yet answered. */
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
      authorize(invitationPolicy.invite(actor), "Your role cannot invite people to this role.");
      const name = await scopeName(deps.db, scopeType, scopeId);
      if (name === undefined) throw new NotFound(scopeType);

      const prepared = await prepareInvitationAlone(
        deps.db,
        actor,
        { email, role, scopeType, scopeId },
        deps.clock.now(),
        request.ip,
      );
      const { row } = prepared;
      const delivery = await deliverInvitation(deps, request, actor, prepared, name);
      reply.code(201);
      return {
        id: row.id,
        email: row.email,
        role: row.role,
        scopeType: row.scope_type,
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
      return {
        items: rows.map((row) => ({
          id: row.id,
          email: row.email,
          role: row.role,
          scopeType: row.scope_type,
          scopeId: row.scope_id,
          scopeName: row.scope_name,
          createdAt: row.created_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
        })),
      };
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
      const { id } = request.params;
      await auditedChange(
        deps,
        actorOf(request),
        async (trx, now) => {
          if (!(await revokeInvitation(trx, id, now))) throw new NotFound("pending invitation");
        },
        () => ({ action: "invitation.withdrawn", targetType: "invitation", targetId: id }),
      );
      return reply.code(204).send(null);
    },
  );
}
