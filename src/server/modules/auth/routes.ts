import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { loginBodySchema, meSchema } from "../../../contracts/auth.ts";
import { type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { InvalidCredentials, TooManyRequests } from "../../errors.ts";
import { clearSessionCookie, setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { recordAudit } from "../audit/store.ts";
import { findUserByEmail, listMemberships } from "../users/store.ts";
import { verifyPassword } from "./passwords.ts";
import { createSession, deleteSession } from "./sessions.ts";
import { recordFailure, throttleState } from "./throttle.ts";

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/login",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: loginBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const client = clientOf(request);
      const now = deps.clock.now();
      const throttle = await throttleState(deps.db, email, client.ip, now);
      if (throttle.limited) {
        await recordAudit(deps.db, now, {
          action: "auth.sign_in_throttled",
          actorUserId: null,
          ip: client.ip,
          details: { by: throttle.by },
        });
        throw new TooManyRequests(
          throttle.retryAfterSeconds,
          `Too many failed sign-ins. Try again in ${Math.ceil(throttle.retryAfterSeconds / 60)} minutes.`,
        );
      }
      const user = await findUserByEmail(deps.db, email);
      const passwordOk = await verifyPassword(user?.password_hash, password);
      if (!user || !passwordOk || user.disabled_at !== null) {
        await recordFailure(deps.db, email, client.ip, now);
        await recordAudit(deps.db, now, {
          action: "auth.sign_in_failed",
          actorUserId: null,
          targetType: user ? "user" : undefined,
          targetId: user?.id,
          ip: client.ip,
        });
        throw new InvalidCredentials();
      }
      const result = await deps.db.transaction().execute(async (trx) => {
        // A new token at every sign-in; any session the browser came with is ended.
        if (request.actor) await deleteSession(trx, request.actor.sessionId);
        const session = await createSession(trx, user.id, now, client);
        await recordAudit(trx, now, {
          action: "auth.signed_in",
          actorUserId: user.id,
          ip: client.ip,
        });
        return session;
      });
      setSessionCookie(reply, deps, result.token, result.expiresAt);
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        memberships: await listMemberships(deps.db, user.id),
      };
    },
  );

  r.post(
    "/api/auth/logout",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Sign out and end the session",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor) {
        const now = deps.clock.now();
        await deps.db.transaction().execute(async (trx) => {
          await deleteSession(trx, actor.sessionId);
          await recordAudit(trx, now, {
            action: "auth.signed_out",
            actorUserId: actor.userId,
            ip: request.ip,
          });
        });
      }
      clearSessionCookie(reply, deps);
      reply.header("clear-site-data", '"cache", "storage"');
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/api/me",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["auth"],
        summary: "Who I am, and my memberships",
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        memberships: await listMemberships(deps.db, actor.userId),
      };
    },
  );
}
