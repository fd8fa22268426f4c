import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { meSchema } from "../../../contracts/auth.ts";
import { passkeyAssertionBodySchema, passkeyOptionsSchema } from "../../../contracts/passkeys.ts";
import { refundAttempts } from "../../access/attempts.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { Conflict, Unauthenticated } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { challengeToken, clearChallengeCookie } from "../mfa/challenge.ts";
import { takeGuess } from "../mfa/factor-check.ts";
import { finishSecondStep } from "../mfa/finish-second-step.ts";
import { type Challenge, consumeChallenge, liveChallenge, replaceSession } from "../mfa/store.ts";
import { acceptAssertion, type Refused, refacceptAssertion } from "./assertion.ts";
import { authenticationOptions, relyingParty } from "./ceremony.ts";
import { passkeyPolicy } from "./policy.ts";
import { type ChallengeBinding, createPasskeyChallenge, passkeysOf } from "./store.ts";

const CHALLENGE_GONE = "This sign-in has timed out or was already finished. Sign in again.";
const NO_PASSKEY = "No passkey is registered for this account. Use your authenticator app.";

type Session = { token: string; expiresAt: Date };

/** A passkey as the second factor: after the password, or later in a session begun without it. */
export async function passkeySecondStepRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The password step's live challenge, or 401 (audited) when it is gone or its account disabled. */
  async function passwordStep(request: Parameters<typeof challengeToken>[0], ip: string) {
    const now = deps.clock.now();
    const token = challengeToken(request, deps);
    const challenge = token ? await liveChallenge(deps.db, token, now) : undefined;
    if (!challenge || !passkeyPolicy.signInWith({ disabled_at: challenge.disabledAt })) {
      await recordAudit(deps.db, now, {
        action: "auth.second_factor_refused",
        actorUserId: null,
        targetType: challenge ? "user" : undefined,
        targetId: challenge?.userId,
        ip,
        details: { reason: challenge ? "account_disabled" : "no_live_challenge", via: "passkey" },
      });
      throw new Unauthenticated(CHALLENGE_GONE);
    }
    return challenge;
  }

  /** Request options for the account's passkeys, under a new challenge bound to this step; 409 without any. */
  async function optionsFor(
    request: Parameters<typeof relyingParty>[1],
    userId: string,
    step: { purpose: "second_factor" | "step_up"; binding: ChallengeBinding },
  ) {
    const passkeys = await passkeysOf(deps.db, userId);
    if (passkeys.length === 0) throw new Conflict(NO_PASSKEY);
    const value = await createPasskeyChallenge(deps.db, { ...step, userId, now: deps.clock.now() });
    return authenticationOptions(relyingParty(deps, request), value, passkeys);
  }

  r.post(
    "/api/auth/login/passkey/options",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "After the password, start the second step with a passkey: WebAuthn request options for this account's passkeys",
        response: { 200: passkeyOptionsSchema },
      },
    },
    async (request, reply) => {
      const { ip } = clientOf(request);
      const challenge: Challenge = await passwordStep(request, ip).catch((error) => {
        clearChallengeCookie(reply, deps);
        throw error;
      });
      return optionsFor(request, challenge.userId, {
        purpose: "second_factor",
        binding: { secondFactorChallengeId: challenge.id },
      });
    },
  );

  r.post(
    "/api/auth/login/passkey",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Finish signing in with a passkey as the second factor (after the password)",
        body: passkeyAssertionBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const now = deps.clock.now();
      const challenge = await passwordStep(request, client.ip).catch((error) => {
        clearChallengeCookie(reply, deps);
        throw error;
      });
      const keys = await takeGuess(deps.db, challenge.userId, client.ip, now);
      const { response } = request.body;
      type Outcome = Refused | { ok: true; session: Session };
      const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
        const verdict = await acceptAssertion(trx, relyingParty(deps, request), {
          purpose: "second_factor",
          binding: { secondFactorChallengeId: challenge.id },
          response,
          expectedUserId: challenge.userId,
          now,
        });
        if (!verdict.ok) return verdict;
        if (!(await consumeChallenge(trx, challenge.id, now))) {
          return { ok: false, reason: "no_live_challenge" };
        }
        const session = await replaceSession(
          trx,
          challenge.userId,
          request.actor?.sessionId,
          now,
          client,
          "passkey",
        );
        await recordAudit(trx, now, {
          action: "auth.signed_in",
          actorUserId: challenge.userId,
          ip: client.ip,
          targetType: "passkey",
          targetId: verdict.passkey.id,
          details: { via: "passkey", keepSignedIn: challenge.keepSignedIn },
        });
        return { ok: true, session };
      });
      if (!outcome.ok) {
        throw await refacceptAssertion(deps.db, now, {
          reason: outcome.reason,
          purpose: "second_factor",
          credentialId: response.id,
          actorUserId: null,
          ip: client.ip,
        });
      }
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
    "/api/passkeys/verify/options",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["passkeys"],
        summary:
          "Start passing my second factor with a passkey in a session begun without it (a sign-in link, say)",
        response: { 200: passkeyOptionsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return optionsFor(request, actor.userId, {
        purpose: "step_up",
        binding: { sessionId: actor.sessionId },
      });
    },
  );

  r.post(
    "/api/passkeys/verify",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["passkeys"],
        summary:
          "Pass my second factor with a passkey in this session: a new session that counts as multi-factor",
        body: passkeyAssertionBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const now = deps.clock.now();
      const keys = await takeGuess(deps.db, actor.userId, client.ip, now);
      const { response } = request.body;
      type Outcome = Refused | { ok: true; session: Session; passkeyId: string };
      const outcome = await auditedChange(
        deps,
        actor,
        async (trx): Promise<Outcome> => {
          const verdict = await acceptAssertion(trx, relyingParty(deps, request), {
            purpose: "step_up",
            binding: { sessionId: actor.sessionId },
            response,
            expectedUserId: actor.userId,
            now,
          });
          if (!verdict.ok) return verdict;
          const session = await replaceSession(
            trx,
            actor.userId,
            actor.sessionId,
            now,
            client,
            "passkey",
          );
          return { ok: true, session, passkeyId: verdict.passkey.id };
        },
        (done) =>
          done.ok
            ? {
                action: "auth.second_factor_passed",
                targetType: "passkey",
                targetId: done.passkeyId,
                details: { via: "passkey" },
              }
            : [],
      );
      if (!outcome.ok) {
        throw await refacceptAssertion(deps.db, now, {
          reason: outcome.reason,
          purpose: "step_up",
          credentialId: response.id,
          actorUserId: actor.userId,
          ip: client.ip,
        });
      }
      await refundAttempts(deps.db, keys);
      setSessionCookie(reply, deps, outcome.session.token, null);
      return reply.code(204).send(null);
    },
  );
}
