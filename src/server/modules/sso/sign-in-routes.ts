import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  publicSsoProvidersSchema,
  type SsoErrorCode,
  ssoCallbackQuerySchema,
  ssoStartQuerySchema,
} from "../../../contracts/sso.ts";
import { takeAttempt } from "../../access/attempts.ts";
import { newToken } from "../../access/sessions.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { TooManyRequests } from "../../errors.ts";
import { appOrigin } from "../../origin.ts";
import { isHttps, setSessionCookie } from "../../plugins/session.ts";
import { clientOf } from "../../request-info.ts";
import { findUsableInvitation } from "../invitations/store.ts";
import { notifyPendingMembership } from "../memberships/service.ts";
import { noticeSignIn } from "../my-sessions/new-device.ts";
import { userById } from "../users/store.ts";
import { authorizationRequest, exchangeCode, providerConfiguration } from "./oidc-client.ts";
import { completeSsoSignIn, recordSsoFailure } from "./sign-in.ts";
import {
  createSsoLogin,
  findProvider,
  listEnabledProviders,
  SSO_LOGIN_LIFETIME_MS,
  takeSsoLogin,
} from "./store.ts";

/** Sign-ins started per address in fifteen minutes, so nobody can fill the table. */
export const SSO_STARTS_PER_ADDRESS = 60;

export const SSO_CALLBACK_PATH = "/api/auth/sso/callback";

/** The redirect URI to register at every provider. */
export function ssoRedirectUri(deps: Pick<AppDeps, "config">, request: FastifyRequest): string {
  return `${appOrigin(deps.config, request)}${SSO_CALLBACK_PATH}`;
}

function cookieName(deps: Pick<AppDeps, "config">): string {
  return isHttps(deps) ? "__Host-cascade_sso" : "cascade_sso";
}

// Lax, not strict: the provider sends the browser back with a cross-site navigation.
const cookieOptions = (deps: Pick<AppDeps, "config">) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: isHttps(deps),
  path: "/",
});

/** Back to the sign-in page, which shows the message for the code. */
function failTo(reply: FastifyReply, code: SsoErrorCode) {
  return reply.redirect(`/sign-in?sso_error=${code}`, 303);
}

/** Signing in (or accepting an invitation) with an OpenID Connect provider. */
export async function ssoSignInRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/auth/sso/providers",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["sso"],
        summary: "The single sign-on providers people can sign in with (id and name)",
        response: { 200: publicSsoProvidersSchema },
      },
    },
    async () => ({
      providers: (await listEnabledProviders(deps.db)).map((p) => ({
        id: p.id,
        displayName: p.display_name,
      })),
    }),
  );

  r.get(
    "/api/auth/sso/:providerId/start",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["sso"],
        summary:
          "Start signing in with a provider: redirects there with state, nonce and PKCE (kept server-side for 10 minutes, single use), optionally to accept an invitation",
        params: z.strictObject({ providerId: z.uuid() }),
        querystring: ssoStartQuerySchema,
        response: { 303: z.null() },
      },
    },
    async (request, reply) => {
      const { ip } = clientOf(request);
      const now = deps.clock.now();
      if (!(await takeAttempt(deps.db, `sso-start:${ip}`, SSO_STARTS_PER_ADDRESS, now))) {
        throw new TooManyRequests(15 * 60, "Too many single sign-ins started. Try again later.");
      }
      const provider = await findProvider(deps.db, request.params.providerId);
      if (!provider?.enabled) {
        await recordSsoFailure(deps.db, now, { code: "unavailable", ip });
        return failTo(reply, "unavailable");
      }
      let invitationId: string | null = null;
      if (request.query.invitation) {
        const invitation = await findUsableInvitation(deps.db, request.query.invitation, now);
        if (!invitation) {
          await recordSsoFailure(deps.db, now, { code: "invitation", ip, providerId: provider.id });
          return failTo(reply, "invitation");
        }
        invitationId = invitation.id;
      }
      let start: Awaited<ReturnType<typeof authorizationRequest>>;
      try {
        const config = await providerConfiguration(deps, provider);
        start = await authorizationRequest(config, ssoRedirectUri(deps, request));
      } catch (error) {
        request.log.warn({ err: error }, "single sign-on provider discovery failed");
        await recordSsoFailure(deps.db, now, { code: "unavailable", ip, providerId: provider.id });
        return failTo(reply, "unavailable");
      }
      const binding = newToken();
      await createSsoLogin(
        deps.db,
        {
          state: start.state,
          binding,
          providerId: provider.id,
          nonce: start.nonce,
          codeVerifier: start.codeVerifier,
          invitationId,
        },
        now,
      );
      reply.setCookie(cookieName(deps), binding, {
        ...cookieOptions(deps),
        maxAge: SSO_LOGIN_LIFETIME_MS / 1000,
      });
      return reply.redirect(start.url.href, 303);
    },
  );

  r.get(
    SSO_CALLBACK_PATH,
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["sso"],
        summary:
          "Where the provider sends the browser back: checks state, exchanges the code, signs in (or accepts the invitation) and redirects into the app; on failure, to the sign-in page with ?sso_error",
        querystring: ssoCallbackQuerySchema,
        response: { 303: z.null() },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const now = deps.clock.now();
      const fail = async (
        code: SsoErrorCode,
        more: { providerId?: string; userId?: string; detail?: string } = {},
      ) => {
        await recordSsoFailure(deps.db, now, { code, ip: client.ip, ...more });
        return failTo(reply, code);
      };
      const binding = request.cookies[cookieName(deps)];
      reply.clearCookie(cookieName(deps), cookieOptions(deps));
      const { state } = request.query;
      const login =
        state && binding && binding.length <= 100
          ? await takeSsoLogin(deps.db, state, binding, now)
          : undefined;
      if (!state || !login) return fail("state");
      const provider = await findProvider(deps.db, login.provider_id);
      if (!provider?.enabled) return fail("unavailable", { providerId: login.provider_id });
      if (request.query.error) {
        return fail(request.query.error === "access_denied" ? "cancelled" : "provider", {
          providerId: provider.id,
          detail: request.query.error,
        });
      }
      const redirectUri = ssoRedirectUri(deps, request);
      let claims: Awaited<ReturnType<typeof exchangeCode>>;
      try {
        const config = await providerConfiguration(deps, provider);
        const search = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
        claims = await exchangeCode(config, new URL(`${redirectUri}${search}`), {
          state,
          nonce: login.nonce,
          codeVerifier: login.code_verifier,
          redirectUri,
        });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return fail("provider", { providerId: provider.id, detail });
      }
      const outcome = await completeSsoSignIn(deps, {
        provider,
        claims,
        invitationId: login.invitation_id,
        previousSessionId: request.actor?.sessionId,
        client,
        now,
      });
      if (!outcome.ok)
        return fail(outcome.code, { providerId: provider.id, userId: outcome.userId });
      if (outcome.pendingMembershipId) {
        await notifyPendingMembership(deps, request, outcome.pendingMembershipId);
      }
      // No "keep me signed in" on this path: the cookie ends with the browser.
      setSessionCookie(reply, deps, outcome.session.token, null);
      const user = await userById(deps.db, outcome.userId);
      await noticeSignIn(deps, user, client, now, appOrigin(deps.config, request));
      return reply.redirect("/", 303);
    },
  );
}
