import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  detailSchema,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
} from "../../../contracts/password-reset.ts";
import { THROTTLE_WINDOW_MS, takeAttempt } from "../../access/attempts.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, PUBLIC } from "../../context.ts";
import { Gone, TooManyRequests } from "../../errors.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { appOrigin } from "../../origin.ts";
import { clearSessionCookie } from "../../plugins/session.ts";
import { clientOf } from "../../request-info.ts";
import { assertAcceptablePassword, hashPassword } from "../auth/passwords.ts";
import { THROTTLE_LIMITS } from "../auth/throttle.ts";
import { findUserByEmail } from "../users/store.ts";
import { passwordChangedMessage } from "./messages.ts";
import { passwordResetPolicy } from "./policy.ts";
import {
  completePasswordReset,
  createPasswordReset,
  findUsableReset,
  RESET_LIFETIME_MS,
  resetWorkForNobody,
} from "./store.ts";

export const RESET_GONE =
  "This password reset link has already been used or has expired. Ask for a new one: choose " +
  "“Forgot your password?” on the sign-in page.";

const REQUEST_ANSWER =
  "If that email address belongs to an account, a link to reset its password is on its way. " +
  "It works once, within 30 minutes.";

/** Reset requests (and attempts to use a reset link) per address in fifteen minutes: as many as failed sign-ins. */
const RESETS_PER_ADDRESS = THROTTLE_LIMITS.address;

export async function passwordResetRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function throttle(request: FastifyRequest, kind: string, now: Date) {
    const key = `${kind}:${request.ip}`;
    if (!(await takeAttempt(deps.db, key, RESETS_PER_ADDRESS, now, THROTTLE_WINDOW_MS))) {
      throw new TooManyRequests(
        THROTTLE_WINDOW_MS / 1000,
        "Too many password resets tried from here. Try again in 15 minutes.",
      );
    }
  }

  r.post(
    "/api/auth/password-reset",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "Email a one-time link to reset a forgotten password (same answer whatever the email)",
        body: passwordResetRequestSchema,
        response: { 202: detailSchema },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      await throttle(request, "reset", now);
      const user = await findUserByEmail(deps.db, request.body.email);
      const reset =
        user && passwordResetPolicy.sendReset(user)
          ? await createPasswordReset(deps.db, user.id, now)
          : await resetWorkForNobody(deps.db, now, { mailKept: !deps.mailer.configured }).then(
              () => null,
            );
      if (user && reset) {
        const url = `${appOrigin(deps.config, request)}/reset-password#token=${reset.token}`;
        const delivery = sendOrKeep(
          deps,
          {
            to: user.email,
            subject: "Reset your Cascade password",
            text:
              "Someone asked to reset the password of your Cascade account.\n\n" +
              `Open this link to choose a new password:\n${url}\n\n` +
              `It works once, within ${RESET_LIFETIME_MS / 60_000} minutes. Choosing a new ` +
              "password signs you out everywhere.\n\n" +
              "If you did not ask for this, ignore this email: your password has not been changed.",
          },
          now,
          { kind: "password-reset", userId: user.id },
        ).catch((error: unknown) => request.log.error({ err: error }, "reset email not kept"));
        // With a mail server, the answer does not wait for it: how long sending takes
        // must not tell a known email from an unknown one. The outbox is one quick insert.
        if (!deps.mailer.configured) await delivery;
      }
      await recordAudit(deps.db, now, {
        action: reset ? "auth.password_reset_sent" : "auth.password_reset_requested",
        actorUserId: null,
        targetType: reset ? "user" : undefined,
        targetId: reset ? user?.id : undefined,
        ip: request.ip,
      });
      reply.code(202);
      return { detail: REQUEST_ANSWER };
    },
  );

  r.post(
    "/api/auth/password-reset/complete",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["auth"],
        summary:
          "Set a new password with a one-time reset token (the token travels in the body); ends every session of the account",
        body: passwordResetCompleteSchema,
        response: { 200: detailSchema },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      await throttle(request, "reset-complete", now);
      const { token, password } = request.body;
      const refuse = async () => {
        await recordAudit(deps.db, now, {
          action: "auth.password_reset_refused",
          actorUserId: null,
          ip: request.ip,
        });
        return new Gone(RESET_GONE);
      };
      const reset = await findUsableReset(deps.db, token, now);
      if (!reset) throw await refuse();
      // A refused password leaves the link usable, so the person can try another.
      assertAcceptablePassword(password, [reset.email, reset.name]);
      const passwordHash = await hashPassword(password);
      const done = await completePasswordReset(deps.db, deps.clock.now(), {
        resetId: reset.resetId,
        userId: reset.userId,
        passwordHash,
        ip: clientOf(request).ip,
      });
      if (!done) throw await refuse();
      // Every session ended, this browser's too, if it had one.
      clearSessionCookie(reply, deps);
      await sendOrKeep(
        deps,
        passwordChangedMessage(
          reset.email,
          "with a reset link sent by email, and every session was signed out",
          appOrigin(deps.config, request),
        ),
        now,
        { kind: "account-security", userId: reset.userId },
      );
      return { detail: "Your password is changed. Sign in with it now." };
    },
  );
}
