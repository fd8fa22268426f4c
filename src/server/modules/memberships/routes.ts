import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pendingMembershipListSchema } from "../../../contracts/memberships.ts";
import type { Role } from "../../../contracts/roles.ts";
import { isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { Conflict, Forbidden, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { mayDecidePending, maySeePending, type PendingFacts } from "./policy.ts";
import { approvePending, findPending, listPending, rejectPending } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

type PendingRow = NonNullable<Awaited<ReturnType<typeof findPending>>>;

const factsOf = (row: PendingRow): PendingFacts => ({
  userId: row.user_id,
  grantedBy: row.granted_by,
  schoolId: row.scope_id ?? "",
});

export async function membershipRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deciders = anyOf("network_admin", "school_leader");

  function present(actor: Actor, row: PendingRow) {
    return {
      id: row.id,
      userId: row.user_id,
      userName: row.user_name,
      userEmail: row.user_email,
      role: row.role as Role,
      schoolId: row.scope_id ?? "",
      schoolName: row.school_name,
      grantedByName: row.granted_by_name,
      createdAt: row.created_at.toISOString(),
      canDecide: mayDecidePending(actor, factsOf(row)),
    };
  }

  /** Loads a pending membership the actor may see (404 otherwise), then checks they may decide it (403). */
  async function pendingToDecide(actor: Actor, id: string): Promise<PendingRow> {
    const row = await findPending(deps.db, id);
    if (!row || !maySeePending(actor, factsOf(row))) throw new NotFound("pending membership");
    if (!mayDecidePending(actor, factsOf(row))) {
      throw new Forbidden(
        row.user_id === actor.userId
          ? "You cannot approve a role given to you; another administrator or the school's leader must."
          : "You granted this role, so someone else must approve it.",
      );
    }
    return row;
  }

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
      const rows = await listPending(
        deps.db,
        isNetworkAdmin(actor) ? "all" : schoolIdsOf(actor, ["school_leader"]),
      );
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
        const row = await pendingToDecide(actor, request.params.id);
        const now = deps.clock.now();
        await deps.db.transaction().execute(async (trx) => {
          const done =
            decision === "approve"
              ? await approvePending(trx, row.id)
              : await rejectPending(trx, {
                  id: row.id,
                  userId: row.user_id,
                  role: row.role as Role,
                  schoolId: row.scope_id ?? "",
                });
          if (!done) throw new Conflict("Someone else has already decided this.");
          await recordAudit(trx, now, {
            action: decision === "approve" ? "membership.approved" : "membership.rejected",
            actorUserId: actor.userId,
            targetType: "membership",
            targetId: row.id,
            ip: request.ip,
            details: {
              userId: row.user_id,
              role: row.role,
              schoolId: row.scope_id,
              grantedBy: row.granted_by,
            },
          });
        });
        return reply.code(204).send(null);
      },
    );
  }
}
