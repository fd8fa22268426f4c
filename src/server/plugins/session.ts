import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { resolveSession } from "../access/sessions.ts";
import type { AppDeps } from "../context.ts";

export function isHttps(deps: Pick<AppDeps, "config">): boolean {
  return deps.config.publicUrl?.startsWith("https://") ?? false;
}

/** `__Host-` pins the cookie to this exact origin; browsers only accept it over HTTPS. */
export function sessionCookieName(deps: Pick<AppDeps, "config">): string {
  return isHttps(deps) ? "__Host-cascade_session" : "cascade_session";
}

export function setSessionCookie(
  reply: FastifyReply,
  deps: Pick<AppDeps, "config">,
  token: string,
  /** Null for a cookie the browser forgets when it closes ("keep me signed in" not ticked). */
  expiresAt: Date | null,
): void {
  reply.setCookie(sessionCookieName(deps), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(deps),
    path: "/",
    ...(expiresAt ? { expires: expiresAt } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Pick<AppDeps, "config">): void {
  reply.clearCookie(sessionCookieName(deps), {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(deps),
    path: "/",
  });
}

/** Resolves the session cookie into `request.actor` on every API request. */
export const sessionPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  await app.register(cookie);
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[sessionCookieName(deps)];
    if (!token || token.length > 100) return;
    request.actor = await resolveSession(
      deps.db,
      token,
      deps.clock.now(),
      deps.config.staffIdleMinutes,
    );
  });
});
