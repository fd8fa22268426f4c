import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  loginBodySchema,
  meSchema,
  signInLinkRequestSchema,
  signInLinkTokenSchema,
} from "../../../contracts/auth.ts";
import { secondFactorChallengeSchema } from "../../../contracts/mfa.ts";
import { refundAttempts, THROTTLE_WINDOW_MS, takeAttempt } from "../../access/attempts.ts";
import { deleteSession } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { Gone, InvalidCredentials, TooManyRequests } from "../../errors.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { appOrigin } from "../../origin.ts";
import { clearSessionCookie, setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { secondFactorChallenge } from "../mfa/challenge.ts";
import { noticeSignIn } from "../my-sessions/new-device.ts";
import { findUserByEmail, userById } from "../users/store.ts";
import { presentMe } from "./me.ts";
import { verifyPassword } from "./passwords.ts";
import { authPolicy } from "./policy.ts";
import { createSignInLink, signInLinkMessage } from "./sign-in-links.ts";
import { throttledSignIn } from "./sign-in-refusal.ts";
import { startLinkSession, startPasswordSession } from "./store.ts";
import { accountUnderAttack, beginSignInAttempt, THROTTLE_LIMITS } from "./throttle.ts";

export const SIGN_IN_LINK_GONE =
  "This sign-in link has already been used or has expired. Ask for a new one from the sign-in page.";

/** Requests for sign-in links allowed per address in fifteen minutes: as many as failed sign-ins. */
const LINK_REQUESTS_PER_ADDRESS = THROTTLE_LIMITS.address;

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
        response: { 200: z.union([meSchema, secondFactorChallengeSchema]) },
      },
    },
    async (request, reply) => {
      const { email, password, keepSignedIn } = request.body;
      const client = clientOf(request);
      const now = deps.clock.now();
      const attempt = await beginSignInAttempt(deps.db, email, client.ip, now);
      if (!attempt.allowed) throw await throttledSignIn(deps.db, now, client.ip, attempt);
      const user = await findUserByEmail(deps.db, email);
      const passwordOk = await verifyPassword(user?.password_hash, password);
      if (!user || !authPolicy.signIn(user, passwordOk)) {
        await recordAudit(deps.db, now, {
          action: "auth.sign_in_failed",
          actorUserId: null,
          targetType: user ? "user" : undefined,
          targetId: user?.id,
          ip: client.ip,
        });
        throw new InvalidCredentials();
      }
      // Only failures count against the limits.
      await refundAttempts(deps.db, attempt.keys);
      const opts = { now, ip: client.ip, keepSignedIn: keepSignedIn === true };
      const challenge = await secondFactorChallenge(deps, reply, user, opts);
      if (challenge) return challenge;
      const result = await startPasswordSession(deps.db, now, {
        userId: user.id,
        previousSessionId: request.actor?.sessionId,
        client,
        keepSignedIn: keepSignedIn === true,
      });
      await noticeSignIn(deps, user, client, now, appOrigin(deps.config, request));
      setSessionCookie(reply, deps, result.token, keepSignedIn ? result.expiresAt : null);
      return presentMe(deps.db, user);
    },
  );

  r.post(
    "/api/auth/sign-in-link",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "Email a one-time sign-in link to an account whose password sign-in is paused by an attack (same answer whatever the email)",
        body: signInLinkRequestSchema,
        response: { 202: z.object({ detail: z.string() }) },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      const client = clientOf(request);
      const now = deps.clock.now();
      if (
        !(await takeAttempt(
          deps.db,
          `link:${client.ip}`,
          LINK_REQUESTS_PER_ADDRESS,
          now,
          THROTTLE_WINDOW_MS,
        ))
      ) {
        throw new TooManyRequests(15 * 60, "Too many sign-in links asked for. Try again later.");
      }
      const user = await findUserByEmail(deps.db, email);
      let sent = false;
      // Only an account under attack gets a link: otherwise its password works.
      if (user && authPolicy.getSignInLink(user, await accountUnderAttack(deps.db, email, now))) {
        const link = await createSignInLink(deps.db, user.id, now);
        if (link) {
          const url = `${appOrigin(deps.config, request)}/sign-in/link#token=${link.token}`;
          await sendOrKeep(deps, signInLinkMessage(user.email, url), now, {
            kind: "sign-in-link",
            userId: user.id,
          });
          sent = true;
        }
      }
      // Every request is recorded; the account only when a link went to it.
      await recordAudit(deps.db, now, {
        action: sent ? "auth.sign_in_link_sent" : "auth.sign_in_link_requested",
        actorUserId: null,
        targetType: sent ? "user" : undefined,
        targetId: sent ? user?.id : undefined,
        ip: client.ip,
      });
      reply.code(202);
      return {
        detail:
          "If password sign-in is paused for that account, a sign-in link is on its way to its email address.",
      };
    },
  );

  r.post(
    "/api/auth/sign-in-link/redeem",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Sign in with a one-time emailed link (the token travels in the body)",
        body: signInLinkTokenSchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const now = deps.clock.now();
      const result = await startLinkSession(deps.db, now, {
        token: request.body.token,
        previousSessionId: request.actor?.sessionId,
        client,
      });
      if (!result) {
        await recordAudit(deps.db, now, {
          action: "auth.sign_in_link_refused",
          actorUserId: null,
          ip: client.ip,
        });
        throw new Gone(SIGN_IN_LINK_GONE);
      }
      // A link is for getting in once: the cookie ends with the browser.
      setSessionCookie(reply, deps, result.session.token, null);
      const user = await userById(deps.db, result.userId);
      return presentMe(deps.db, user);
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
        await auditedChange(
          deps,
          actor,
          (trx) => deleteSession(trx, actor.sessionId),
          () => ({ action: "auth.signed_out" }),
        );
      }
      clearSessionCookie(reply, deps);
      reply.header("clear-site-data", '"cache", "storage"');
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/api/me",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["auth"],
        summary: "Who I am, and my memberships",
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentMe(
        deps.db,
        { id: actor.userId, name: actor.name, email: actor.email },
        { withPending: true },
      );
    },
  );
}
