import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { meSchema } from "../../../contracts/auth.ts";
import { passkeyAssertionBodySchema, passkeyOptionsSchema } from "../../../contracts/passkeys.ts";
import { refundAttempts, takeAttempt } from "../../access/attempts.ts";
import { newToken } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { TooManyRequests } from "../../errors.ts";
import { appOrigin } from "../../origin.ts";
import { isHttps, setSessionCookie } from "../../plugins/session.ts";
import { clientOf } from "../../request-info.ts";
import { presentMe } from "../auth/me.ts";
import { replaceSession } from "../mfa/store.ts";
import { noticeSignIn } from "../my-sessions/new-device.ts";
import { userById } from "../users/store.ts";
import { acceptAssertion, type Refused, refacceptAssertion } from "./assertion.ts";
import { authenticationOptions, relyingParty } from "./ceremony.ts";
import { createPasskeyChallenge, PASSKEY_CHALLENGE_LIFETIME_MS } from "./store.ts";

/**
 * Failed passkey sign-ins allowed per address in fifteen minutes, as many as
 * failed password sign-ins; and ceremonies started per address, so nobody can
 * fill the challenge table.
 */
export const PASSKEY_LIMITS = { failures: 30, starts: 60 } as const;
const WINDOW_MINUTES = 15;

function cookieName(deps: Pick<AppDeps, "config">): string {
  return isHttps(deps) ? "__Host-cascade_passkey" : "cascade_passkey";
}

const cookieOptions = (deps: Pick<AppDeps, "config">) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  secure: isHttps(deps),
  path: "/",
});

function ceremonyToken(request: FastifyRequest, deps: Pick<AppDeps, "config">) {
  const token = request.cookies[cookieName(deps)];
  return token && token.length <= 100 ? token : undefined;
}

async function throttled(deps: Pick<AppDeps, "db">, now: Date, ip: string, by: string) {
  await recordAudit(deps.db, now, {
    action: "auth.sign_in_throttled",
    actorUserId: null,
    ip,
    details: { by },
  });
  return new TooManyRequests(
    WINDOW_MINUTES * 60,
    `Too many passkey sign-ins from this address. Try again in ${WINDOW_MINUTES} minutes.`,
  );
}

/** Signing in with a passkey alone (a discoverable credential: no email, no password). */
export async function passkeySignInRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/passkey/options",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "Start signing in with a passkey: WebAuthn request options (user verification required), the challenge bound to a cookie of its own for 5 minutes",
        response: { 200: passkeyOptionsSchema },
      },
    },
    async (request, reply: FastifyReply) => {
      const { ip } = clientOf(request);
      const now = deps.clock.now();
      if (!(await takeAttempt(deps.db, `passkey-start:${ip}`, PASSKEY_LIMITS.starts, now))) {
        throw await throttled(deps, now, ip, "passkey_start");
      }
      const token = newToken();
      const challenge = await createPasskeyChallenge(deps.db, {
        purpose: "sign_in",
        userId: null,
        binding: { token },
        now,
      });
      reply.setCookie(cookieName(deps), token, {
        ...cookieOptions(deps),
        maxAge: PASSKEY_CHALLENGE_LIFETIME_MS / 1000,
      });
      return authenticationOptions(relyingParty(deps, request), challenge, "any");
    },
  );

  r.post(
    "/api/auth/passkey",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Sign in with a passkey: the browser's answer to the challenge",
        body: passkeyAssertionBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const now = deps.clock.now();
      const key = `passkey-failures:${client.ip}`;
      if (!(await takeAttempt(deps.db, key, PASSKEY_LIMITS.failures, now))) {
        throw await throttled(deps, now, client.ip, "passkey_address");
      }
      const token = ceremonyToken(request, deps);
      const { response } = request.body;
      type Outcome = Refused | { ok: true; session: { token: string }; userId: string };
      const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
        if (!token) return { ok: false, reason: "no_live_challenge" };
        const verdict = await acceptAssertion(trx, relyingParty(deps, request), {
          purpose: "sign_in",
          binding: { token },
          response,
          now,
        });
        if (!verdict.ok) return verdict;
        const userId = verdict.passkey.userId;
        const session = await replaceSession(
          trx,
          userId,
          request.actor?.sessionId,
          now,
          client,
          "passkey",
        );
        await recordAudit(trx, now, {
          action: "auth.signed_in",
          actorUserId: userId,
          ip: client.ip,
          targetType: "passkey",
          targetId: verdict.passkey.id,
          details: { via: "passkey", passwordless: true },
        });
        return { ok: true, session, userId };
      });
      reply.clearCookie(cookieName(deps), cookieOptions(deps));
      if (!outcome.ok) {
        throw await refacceptAssertion(deps.db, now, {
          reason: outcome.reason,
          purpose: "sign_in",
          credentialId: response.id,
          actorUserId: null,
          ip: client.ip,
        });
      }
      await refundAttempts(deps.db, [key]);
      // The cookie ends with the browser: there is no "keep me signed in" on this path.
      setSessionCookie(reply, deps, outcome.session.token, null);
      const user = await userById(deps.db, outcome.userId);
      await noticeSignIn(deps, user, client, now, appOrigin(deps.config, request));
      return presentMe(deps.db, user);
    },
  );
}
