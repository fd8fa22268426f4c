import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pendingMembershipListSchema } from "../../../contracts/memberships.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { membershipPolicy } from "./policy.ts";
import {
  decidePending,
  listPendingInScope,
  type PendingRow,
  pendingFactsOf,
  pendingInScope,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

function present(actor: Actor, row: PendingRow) {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    role: row.role,
    schoolId: row.scope_id ?? "",
    schoolName: row.school_name,
    grantedByName: row.granted_by_name,
    createdAt: row.created_at.toISOString(),
    canDecide: membershipPolicy.decide(actor, pendingFactsOf(row)),
  };
}

export async function membershipRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deciders = anyOf("network_admin", "school_leader");

  r.get(
    "/api/memberships/pending",
    {
      config: { access: deciders },
      schema: {
        tags: ["memberships"],
        summary:
          "School roles waiting for approval: all of them for administrators, a leader's own schools otherwise",
        response: { 200: pendingMembershipListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listPendingInScope(deps.db, actor);
      return { items: rows.map((row) => present(actor, row)) };
    },
  );

  for (const decision of ["approve", "reject"] as const) {
    r.post(
      `/api/memberships/:id/${decision}`,
      {
        config: { access: deciders },
        schema: {
          tags: ["memberships"],
          summary:
            decision === "approve"
              ? "Approve a school role granted by an administrator: it opens the school's data from now on"
              : "Reject a school role granted by an administrator: it is removed",
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const row = await pendingInScope(deps.db, actor, request.params.id);
        const facts = pendingFactsOf(row);
        authorize(
          membershipPolicy.decideNotForSelf(actor, facts),
          "You cannot approve a role given to you; another administrator or the school's leader must.",
        );
        authorize(
          membershipPolicy.decideNotOwnGrant(actor, facts),
          "You granted this role, so someone else must approve it.",
        );
        await auditedChange(
          deps,
          actor,
          (trx) => decidePending(trx, decision, row),
          () => ({
            action: decision === "approve" ? "membership.approved" : "membership.rejected",
            targetType: "membership",
            targetId: row.id,
            details: {
              userId: row.user_id,
              role: row.role,
              schoolId: row.scope_id,
              grantedBy: row.granted_by,
            },
          }),
        );
        return reply.code(204).send(null);
      },
    );
  }
}
