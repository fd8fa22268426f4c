import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  mySessionsSchema,
  sessionIdParams,
  sessionsEndedSchema,
} from "../../../contracts/my-sessions.ts";
import { authorize } from "../../access/authorize.ts";
import { deleteOtherSessionsOfUser, deleteSession, idleLimitMs } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { clearSessionCookie } from "../../plugins/session.ts";
import { actorOf } from "../../request-info.ts";
import { mySessionsPolicy } from "./policy.ts";
import { activeSessionsOfUser, ownSession } from "./store.ts";

export async function mySessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/me/sessions",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["auth"],
        summary: "My sessions still in force: device, address, when begun and last used, how",
        response: { 200: mySessionsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(mySessionsPolicy.list(actor), "You may see only your own sessions.");
      const now = deps.clock.now();
      const rows = await activeSessionsOfUser(
        deps.db,
        actor.userId,
        now,
        idleLimitMs(actor.memberships, deps.config.staffIdleMinutes),
      );
      const items = rows.map((row) => ({
        id: row.id,
        device: row.device,
        ip: row.ip,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        method: row.method,
        current: row.id === actor.sessionId,
      }));
      // This session first, then the others by when they were last used.
      items.sort((a, b) => Number(b.current) - Number(a.current));
      return { items };
    },
  );

  r.delete(
    "/api/me/sessions/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["auth"],
        summary: "End one of my sessions (ending this one signs me out)",
        params: sessionIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Another person's session answers as if it did not exist.
      const session = await ownSession(deps.db, actor.userId, request.params.id);
      if (!session) throw new NotFound("session");
      authorize(mySessionsPolicy.end(actor, session), "You may end only your own sessions.");
      await auditedChange(
        deps,
        actor,
        (trx) => deleteSession(trx, session.id),
        () => ({
          action: "session.ended",
          targetType: "session",
          targetId: session.id,
          details: { current: session.id === actor.sessionId },
        }),
      );
      if (session.id === actor.sessionId) {
        clearSessionCookie(reply, deps);
        reply.header("clear-site-data", '"cache", "storage"');
      }
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/api/me/sessions/end-others",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["auth"],
        summary: "End all my sessions but this one",
        response: { 200: sessionsEndedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(
        mySessionsPolicy.end(actor, { userId: actor.userId }),
        "You may end only your own sessions.",
      );
      const sessionsEnded = await auditedChange(
        deps,
        actor,
        (trx) => deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId),
        (ended) => ({
          action: "sessions.ended_others",
          targetType: "user",
          targetId: actor.userId,
          details: { sessionsEnded: ended },
        }),
      );
      return { sessionsEnded };
    },
  );
}
