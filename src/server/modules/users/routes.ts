import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sessionsEndedSchema } from "../../../contracts/my-sessions.ts";
import {
  listUsersQuerySchema,
  searchUsersSchema,
  userListSchema,
  userSummarySchema,
} from "../../../contracts/users.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { userPolicy } from "./policy.ts";
import {
  endSessionsOfUser,
  membershipsOfUsers,
  setUserDisabled,
  type UserRow,
  userPage,
} from "./store.ts";

const userIdParams = z.strictObject({ id: z.uuid() });

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function present(rows: UserRow[]) {
    const memberships = await membershipsOfUsers(
      deps.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      createdAt: row.created_at.toISOString(),
      disabledAt: row.disabled_at?.toISOString() ?? null,
      memberships: memberships.get(row.id) ?? [],
    }));
  }

  /** A page of people is a bulk read of named data: one audit row with its size, never the search term. */
  async function listUsers(
    request: FastifyRequest,
    { search, offset, limit }: z.infer<typeof searchUsersSchema>,
  ) {
    const actor = actorOf(request);
    authorize(userPolicy.list(actor), "Only network administrators list everyone's accounts.");
    const { rows, total } = await userPage(deps.db, { search, offset, limit });
    await recordAudit(deps.db, deps.clock.now(), {
      action: "users.listed",
      actorUserId: actor.userId,
      targetType: "users",
      ip: request.ip,
      details: { returned: rows.length, total, offset, searched: Boolean(search) },
    });
    return { items: await present(rows), total };
  }

  r.get(
    "/api/users",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["users"],
        summary: "Everyone with an account, a page at a time",
        description: "To search by name or email, use POST /api/users/search.",
        querystring: listUsersQuerySchema,
        response: { 200: userListSchema },
      },
    },
    async (request) => listUsers(request, request.query),
  );

  r.post(
    "/api/users/search",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["users"],
        summary: "Search everyone with an account by part of a name or email, a page at a time",
        description: "A POST so that the search term stays out of URLs and their logs.",
        body: searchUsersSchema,
        response: { 200: userListSchema },
      },
    },
    async (request) => listUsers(request, request.body),
  );

  for (const action of ["disable", "enable"] as const) {
    r.post(
      `/api/users/:id/${action}`,
      {
        config: { access: anyOf("network_admin") },
        schema: {
          tags: ["users"],
          summary:
            action === "disable"
              ? "Disable an account: its sessions end at once and it can no longer sign in"
              : "Enable a disabled account again",
          params: userIdParams,
          response: { 200: userSummarySchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id } = request.params;
        // Within the route's access only one's own account is refused, and that is a conflict, not a 403.
        if (action === "disable" && !userPolicy.disable(actor, { id })) {
          throw new Conflict("You cannot disable your own account; ask another administrator.");
        }
        if (action === "enable")
          authorize(userPolicy.enable(actor), "Only network administrators enable accounts.");
        const { user: row } = await auditedChange(
          deps,
          actor,
          (trx, now) => setUserDisabled(trx, id, action === "disable", now),
          ({ sessionsEnded }) => ({
            action: action === "disable" ? "user.disabled" : "user.enabled",
            targetType: "user",
            targetId: id,
            details: { sessionsEnded },
          }),
        );
        const [presented] = await present([row]);
        if (!presented) throw new NotFound("user");
        return presented;
      },
    );
  }

  r.post(
    "/api/users/:id/sessions/end-all",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["users"],
        summary: "End every session of an account (it stays enabled; its owner signs in again)",
        params: userIdParams,
        response: { 200: sessionsEndedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      authorize(userPolicy.endSessions(actor), "Only network administrators end others' sessions.");
      const sessionsEnded = await auditedChange(
        deps,
        actor,
        (trx) => endSessionsOfUser(trx, id),
        (ended) => ({
          action: "user.sessions_ended",
          targetType: "user",
          targetId: id,
          details: { sessionsEnded: ended },
        }),
      );
      return { sessionsEnded };
    },
  );
}
