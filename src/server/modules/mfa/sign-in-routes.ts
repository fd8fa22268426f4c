import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { meSchema } from "../../../contracts/auth.ts";
import { secondFactorBodySchema } from "../../../contracts/mfa.ts";
import { refundAttempts } from "../../access/attempts.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { Conflict, Unauthenticated, WrongSecondFactor } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { challengeToken, clearChallengeCookie } from "./challenge.ts";
import { checkFactor, type FactorVerdict, takeGuess, wrongFactorDetail } from "./factor-check.ts";
import { finishSecondStep } from "./finish-second-step.ts";
import { mfaPolicy } from "./policy.ts";
import { consumeChallenge, hasConfirmedTotp, liveChallenge, replaceSession } from "./store.ts";

type Failed = Exclude<FactorVerdict, { ok: true }>;
type Session = { token: string; expiresAt: Date };
type SecondStep =
  | { kind: "failed"; verdict: Failed }
  | { kind: "gone" }
  | { kind: "passed"; session: Session };
type StepUp =
  | { kind: "failed"; verdict: Failed }
  | { kind: "passed"; session: Session; method: "password_totp" | "recovery_code" };

export const CHALLENGE_GONE = "This sign-in has timed out or was already finished. Sign in again.";

/** The second step of signing in, and passing the factor later in a session that has not. */
export async function secondFactorSignInRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/login/second-factor",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "Finish signing in with a code from the authenticator app or a recovery code (after the password)",
        body: secondFactorBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const now = deps.clock.now();
      const token = challengeToken(request, deps);
      const challenge = token ? await liveChallenge(deps.db, token, now) : undefined;
      if (!challenge || !mfaPolicy.passSecondStep({ disabled_at: challenge.disabledAt })) {
        await recordAudit(deps.db, now, {
          action: "auth.second_factor_refused",
          actorUserId: null,
          targetType: challenge ? "user" : undefined,
          targetId: challenge?.userId,
          ip: client.ip,
          details: { reason: challenge ? "account_disabled" : "no_live_challenge" },
        });
        clearChallengeCookie(reply, deps);
        throw new Unauthenticated(CHALLENGE_GONE);
      }
      const keys = await takeGuess(deps.db, challenge.userId, client.ip, now);
      const outcome = await deps.db.transaction().execute(async (trx): Promise<SecondStep> => {
        const verdict = await checkFactor(trx, deps.secrets, challenge.userId, request.body, now);
        if (!verdict.ok) return { kind: "failed", verdict };
        if (!(await consumeChallenge(trx, challenge.id, now))) return { kind: "gone" };
        const session = await replaceSession(
          trx,
          challenge.userId,
          request.actor?.sessionId,
          now,
          client,
          verdict.method,
        );
        await recordAudit(trx, now, {
          action: "auth.signed_in",
          actorUserId: challenge.userId,
          ip: client.ip,
          details: { via: verdict.method, keepSignedIn: challenge.keepSignedIn },
        });
        return { kind: "passed", session };
      });
      if (outcome.kind === "failed") {
        await recordAudit(deps.db, now, {
          action: "auth.second_factor_failed",
          actorUserId: null,
          targetType: "user",
          targetId: challenge.userId,
          ip: client.ip,
          details: { reason: outcome.verdict.reason },
        });
        throw new WrongSecondFactor(wrongFactorDetail(outcome.verdict));
      }
      if (outcome.kind === "gone") throw new Unauthenticated(CHALLENGE_GONE);
      // A sign-in that passed both steps is a sign-in: a new device is told of, as after a password alone.
      return finishSecondStep(deps, request, reply, {
        challenge,
        session: outcome.session,
        guessKeys: keys,
        client,
        now,
      });
    },
  );

  r.post(
    "/api/mfa/verify",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["mfa"],
        summary:
          "Pass my second factor in a session begun without it (a sign-in link, say): a new session that counts as multi-factor",
        body: secondFactorBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const now = deps.clock.now();
      if (!(await hasConfirmedTotp(deps.db, actor.userId))) {
        throw new Conflict("No authenticator app is set up.");
      }
      const keys = await takeGuess(deps.db, actor.userId, client.ip, now);
      const outcome = await auditedChange(
        deps,
        actor,
        async (trx): Promise<StepUp> => {
          const verdict = await checkFactor(trx, deps.secrets, actor.userId, request.body, now);
          if (!verdict.ok) return { kind: "failed", verdict };
          const session = await replaceSession(
            trx,
            actor.userId,
            actor.sessionId,
            now,
            client,
            verdict.method,
          );
          return { kind: "passed", session, method: verdict.method };
        },
        (done) =>
          done.kind === "passed"
            ? { action: "auth.second_factor_passed", details: { via: done.method } }
            : [],
      );
      if (outcome.kind === "failed") {
        await recordAudit(deps.db, now, {
          action: "auth.second_factor_failed",
          actorUserId: actor.userId,
          ip: client.ip,
          details: { reason: outcome.verdict.reason },
        });
        throw new WrongSecondFactor(wrongFactorDetail(outcome.verdict));
      }
      await refundAttempts(deps.db, keys);
      setSessionCookie(reply, deps, outcome.session.token, null);
      return reply.code(204).send(null);
    },
  );
}
