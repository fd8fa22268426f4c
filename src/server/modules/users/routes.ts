import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  listUsersQuerySchema,
  searchUsersSchema,
  userListSchema,
  userSummarySchema,
} from "../../../contracts/users.ts";
import { containing } from "../../../db/like.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { deleteSessionsOfUser } from "../auth/sessions.ts";
import { membershipsOfUsers } from "./store.ts";

const userIdParams = z.strictObject({ id: z.uuid() });

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  type UserRow = {
    id: string;
    name: string;
    email: string;
    created_at: Date;
    disabled_at: Date | null;
  };
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
    const base = deps.db
      .selectFrom("users")
      .$if(Boolean(search), (q) =>
        q.where((eb) =>
          eb.or([
            eb("name", "ilike", containing(search ?? "")),
            eb("email", "ilike", containing(search ?? "")),
          ]),
        ),
      );
    const [rows, total] = await Promise.all([
      base
        .select(["id", "name", "email", "created_at", "disabled_at"])
        .orderBy("name")
        .orderBy("id")
        .offset(offset)
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    await recordAudit(deps.db, deps.clock.now(), {
      action: "users.listed",
      actorUserId: actorOf(request).userId,
      targetType: "users",
      ip: request.ip,
      details: { returned: rows.length, total: Number(total.n), offset, searched: Boolean(search) },
    });
    return { items: await present(rows), total: Number(total.n) };
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
        if (action === "disable" && id === actor.userId) {
          throw new Conflict("You cannot disable your own account; ask another administrator.");
        }
        const now = deps.clock.now();
        const row = await deps.db.transaction().execute(async (trx) => {
          const updated = await trx
            .updateTable("users")
            .set({ disabled_at: action === "disable" ? now : null })
            .where("id", "=", id)
            .returning(["id", "name", "email", "created_at", "disabled_at"])
            .executeTakeFirst();
          if (!updated) throw new NotFound("user");
          const sessionsEnded = action === "disable" ? await deleteSessionsOfUser(trx, id) : 0;
          await recordAudit(trx, now, {
            action: action === "disable" ? "user.disabled" : "user.enabled",
            actorUserId: actor.userId,
            targetType: "user",
            targetId: id,
            ip: request.ip,
            details: { sessionsEnded },
          });
          return updated;
        });
        const [presented] = await present([row]);
        if (!presented) throw new NotFound("user");
        return presented;
      },
    );
  }
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
