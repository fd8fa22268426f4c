import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  mfaStatusSchema,
  reauthBodySchema,
  recoveryCodesSchema,
  totpConfirmBodySchema,
  totpEnrolmentSchema,
} from "../../../contracts/mfa.ts";
import { policyCovers } from "../../../domain/second-factor-policy.ts";
import { refundAttempts } from "../../access/attempts.ts";
import { authorize } from "../../access/authorize.ts";
import { standingOf } from "../../access/second-factor.ts";
import { deleteOtherSessionsOfUser } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { Conflict, WrongSecondFactor } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { countPasskeys } from "../passkeys/store.ts";
import { reauthenticate, takeGuess, wrongFactorDetail } from "./factor-check.ts";
import { mfaPolicy } from "./policy.ts";
import { openTotpSecret, sealTotpSecret } from "./secret-at-rest.ts";
import {
  claimStep,
  confirmTotp,
  countUnusedRecoveryCodes,
  replaceRecoveryCodes,
  replaceSession,
  savePendingTotp,
  secondFactorRequired,
  totpOf,
} from "./store.ts";
import {
  hashRecoveryCode,
  judgeTotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrCodeDataUrl,
} from "./totp.ts";

/** Enrolment, recovery codes and turning the factor off: each person's own, and only theirs. */
export async function mfaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/mfa",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["mfa"],
        summary: "My second factor, and whether this session still has to enrol or pass it",
        response: { 200: mfaStatusSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const totp = await totpOf(deps.db, actor.userId);
      const enabledAt = totp?.confirmedAt ?? null;
      return {
        standing: await standingOf(deps.db, actor),
        totpEnabled: enabledAt !== null,
        passkeys: await countPasskeys(deps.db, actor.userId),
        enabledAt: enabledAt?.toISOString() ?? null,
        recoveryCodesLeft: enabledAt ? await countUnusedRecoveryCodes(deps.db, actor.userId) : 0,
        requiredByPolicy:
          (await secondFactorRequired(deps.db)) &&
          policyCovers(actor.memberships.map((m) => m.role)),
      };
    },
  );

  r.post(
    "/api/mfa/totp",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["mfa"],
        summary:
          "Start setting up an authenticator app: a new secret, its QR code and manual key (asks for the password again unless this session proved it in the last 5 minutes)",
        // Optional: no body is the same as {}, within the window after signing in.
        body: reauthBodySchema.nullish(),
        response: { 201: totpEnrolmentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(mfaPolicy.changeFactor(actor, actor), "A second factor is its owner's to set up.");
      await reauthenticate(deps, actor, request.body ?? {}, clientOf(request).ip);
      const secret = newTotpSecret();
      const sealed = sealTotpSecret(deps.secrets, actor.userId, secret);
      const saved = await auditedChange(
        deps,
        actor,
        (trx, now) => savePendingTotp(trx, actor.userId, sealed, now),
        (ok) =>
          ok
            ? { action: "mfa.totp_enrolment_started", targetType: "user", targetId: actor.userId }
            : [],
      );
      if (!saved) {
        throw new Conflict(
          "An authenticator app is already set up. Turn it off first to set up another.",
        );
      }
      const uri = otpauthUri(actor.email, secret);
      reply.code(201);
      return { manualKey: secret, otpauthUri: uri, qrCode: await qrCodeDataUrl(uri) };
    },
  );

  r.post(
    "/api/mfa/totp/confirm",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["mfa"],
        summary:
          "Finish setting up the authenticator app with a code from it: the factor is on, and 10 recovery codes are shown once",
        body: totpConfirmBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const now = deps.clock.now();
      const totp = await totpOf(deps.db, actor.userId);
      if (!totp || totp.confirmedAt) {
        throw new Conflict("Start setting up an authenticator app first.");
      }
      const keys = await takeGuess(deps.db, actor.userId, client.ip, now);
      const secret = openTotpSecret(deps.secrets, actor.userId, totp.secret);
      const verdict = judgeTotp(secret, request.body.code, now, totp.lastUsedStep);
      if (!verdict.ok) throw new WrongSecondFactor(wrongFactorDetail(verdict));
      const codes = newRecoveryCodes();
      const result = await auditedChange(
        deps,
        actor,
        async (trx) => {
          if (!(await claimStep(trx, actor.userId, verdict.step))) return null;
          await confirmTotp(trx, actor.userId, now);
          await replaceRecoveryCodes(trx, actor.userId, codes.map(hashRecoveryCode), now);
          const ended = await deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId);
          // This session has just passed the factor: a new token, counted as multi-factor.
          const session = await replaceSession(
            trx,
            actor.userId,
            actor.sessionId,
            now,
            client,
            "password_totp",
          );
          return { ended, session };
        },
        (done) =>
          done
            ? {
                action: "mfa.totp_enabled",
                targetType: "user",
                targetId: actor.userId,
                details: { recoveryCodes: codes.length, otherSessionsEnded: done.ended },
              }
            : [],
      );
      if (!result)
        throw new WrongSecondFactor(wrongFactorDetail({ ok: false, reason: "replayed" }));
      await refundAttempts(deps.db, keys);
      setSessionCookie(reply, deps, result.session.token, null);
      return { recoveryCodes: codes };
    },
  );
}
