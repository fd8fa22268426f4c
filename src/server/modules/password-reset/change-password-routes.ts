import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { changePasswordSchema, passwordChangedSchema } from "../../../contracts/password-reset.ts";
import { refundAttempts } from "../../access/attempts.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { TooManyRequests, ValidationProblem } from "../../errors.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { appOrigin } from "../../origin.ts";
import { actorOf } from "../../request-info.ts";
import { hashPassword, judgeNewPassword, verifyPassword } from "../auth/passwords.ts";
import { beginSignInAttempt } from "../auth/throttle.ts";
import { passwordChangedMessage } from "./messages.ts";
import { passwordResetPolicy } from "./policy.ts";
import { changePassword, passwordHashOf } from "./store.ts";

/** A signed-in person changes their own password: the current one is needed. */
export async function changePasswordRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/me/password",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["auth"],
        summary:
          "Change my password (the current one is needed); ends my other sessions, keeps this one",
        body: changePasswordSchema,
        response: { 200: passwordChangedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { currentPassword, newPassword } = request.body;
      const now = deps.clock.now();
      // Guessing the current password from a stolen session meets the sign-in limits.
      const attempt = await beginSignInAttempt(deps.db, actor.email, request.ip, now);
      if (!attempt.allowed) {
        throw new TooManyRequests(
          attempt.retryAfterSeconds,
          `Too many wrong passwords. Try again in ${Math.ceil(attempt.retryAfterSeconds / 60)} minutes.`,
        );
      }
      const currentOk = await verifyPassword(
        await passwordHashOf(deps.db, actor.userId),
        currentPassword,
      );
      if (!currentOk) {
        await recordAudit(deps.db, now, {
          action: "auth.password_change_failed",
          actorUserId: actor.userId,
          targetType: "user",
          targetId: actor.userId,
          ip: request.ip,
        });
        throw new ValidationProblem("The password was not changed.", [
          { field: "currentPassword", message: "That is not your current password." },
        ]);
      }
      await refundAttempts(deps.db, attempt.keys);
      authorize(
        passwordResetPolicy.changePassword(actor, { id: actor.userId }, currentOk),
        "You may change only your own password.",
      );
      const verdict = judgeNewPassword(newPassword, [actor.email, actor.name]);
      if (!verdict.ok) {
        throw new ValidationProblem("The password was not changed.", [
          { field: "newPassword", message: verdict.reason },
        ]);
      }
      const passwordHash = await hashPassword(newPassword);
      const sessionsEnded = await auditedChange(
        deps,
        actor,
        (trx, at) =>
          changePassword(trx, at, {
            userId: actor.userId,
            keepSessionId: actor.sessionId,
            passwordHash,
          }),
        (ended) => ({
          action: "auth.password_changed",
          targetType: "user",
          targetId: actor.userId,
          details: { sessionsEnded: ended },
        }),
      );
      await sendOrKeep(
        deps,
        passwordChangedMessage(
          actor.email,
          "by someone signed in to it, and its other sessions were signed out",
          appOrigin(deps.config, request),
        ),
        now,
        { kind: "account-security", userId: actor.userId },
      );
      return {
        detail:
          sessionsEnded > 0
            ? `Your password is changed, and ${sessionsEnded} other ${sessionsEnded === 1 ? "session was" : "sessions were"} signed out.`
            : "Your password is changed.",
        sessionsEnded,
      };
    },
  );
}
