import type { FastifyReply, FastifyRequest } from "fastify";
import { type FactorKind, factorsOf } from "../../access/second-factor.ts";
import { recordAudit } from "../../audit/store.ts";
import type { AppDeps } from "../../context.ts";
import { isHttps } from "../../plugins/session.ts";
import { CHALLENGE_LIFETIME_MS, createChallenge } from "./store.ts";

/*
 * The step between a right password and the second factor: a challenge that
 * lives five minutes, works once and is kept only as a digest, its token in a
 * cookie of its own (never the session cookie: it opens nothing).
 */

export function challengeCookieName(deps: Pick<AppDeps, "config">): string {
  return isHttps(deps) ? "__Host-cascade_second_factor" : "cascade_second_factor";
}

const cookieOptions = (deps: Pick<AppDeps, "config">) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  secure: isHttps(deps),
  path: "/",
});

export function challengeToken(request: FastifyRequest, deps: Pick<AppDeps, "config">) {
  const token = request.cookies[challengeCookieName(deps)];
  return token && token.length <= 100 ? token : undefined;
}

export function clearChallengeCookie(reply: FastifyReply, deps: Pick<AppDeps, "config">): void {
  reply.clearCookie(challengeCookieName(deps), cookieOptions(deps));
}

/**
 * For the password sign-in: when the person has a second factor (an
 * authenticator app, a passkey), no session yet, but a challenge for the
 * second step, and which factors it may take; null when they have none.
 */
export async function secondFactorChallenge(
  deps: Pick<AppDeps, "db" | "config">,
  reply: FastifyReply,
  user: { id: string },
  { now, ip, keepSignedIn }: { now: Date; ip: string; keepSignedIn: boolean },
): Promise<{ secondFactor: "required"; methods: FactorKind[] } | null> {
  const methods = await factorsOf(deps.db, user.id);
  if (methods.length === 0) return null;
  const challenge = await createChallenge(deps.db, user.id, now, keepSignedIn);
  await recordAudit(deps.db, now, {
    action: "auth.password_accepted",
    actorUserId: user.id,
    ip,
    details: { next: "second_factor" },
  });
  reply.setCookie(challengeCookieName(deps), challenge.token, {
    ...cookieOptions(deps),
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
  return { secondFactor: "required", methods };
}
