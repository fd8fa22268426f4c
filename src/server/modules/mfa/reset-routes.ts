import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reauthBodySchema, secondFactorResetSchema } from "../../../contracts/mfa.ts";
import { authorize } from "../../access/authorize.ts";
import { deleteSessionsOfUser } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { appOrigin } from "../../origin.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { removeAllPasskeys } from "../passkeys/store.ts";
import { findUserById } from "../users/store.ts";
import { reauthenticate } from "./factor-check.ts";
import { secondFactorResetMessage } from "./messages.ts";
import { mfaPolicy } from "./policy.ts";
import { clearTotpOf } from "./store.ts";

const userIdParams = z.strictObject({ id: z.uuid() });

/**
 * An administrator resets someone's second factor (they lost their phone or
 * security key): every factor goes, every session ends, and the person is told
 * by email. At their next sign-in the policy takes them to enrolment.
 */
export async function secondFactorResetRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/users/:id/second-factor/reset",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["users"],
        summary:
          "Reset a person's second factor: removes their authenticator app, recovery codes and passkeys, ends their sessions and emails them (asks for the administrator's password again unless this session proved it in the last 5 minutes)",
        params: userIdParams,
        // Optional: no body is the same as {}, within the window.
        body: reauthBodySchema.nullish(),
        response: { 200: secondFactorResetSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      // Within the route's access only one's own account is refused, and that is a conflict, not a 403.
      if (id === actor.userId) {
        throw new Conflict(
          "You cannot reset your own second factor here. Change it on your own security page.",
        );
      }
      const person = await findUserById(deps.db, id);
      if (!person) throw new NotFound("user");
      authorize(
        mfaPolicy.resetOthersFactor(actor, { userId: person.id }),
        "Only network administrators reset someone else's second factor.",
      );
      await reauthenticate(deps, actor, request.body ?? {}, clientOf(request).ip);
      const result = await auditedChange(
        deps,
        actor,
        async (trx) => {
          const passkeysRemoved = await removeAllPasskeys(trx, person.id);
          const { totp, recoveryCodes } = await clearTotpOf(trx, person.id);
          const sessionsEnded = await deleteSessionsOfUser(trx, person.id);
          return {
            totpRemoved: totp,
            recoveryCodesRemoved: recoveryCodes,
            passkeysRemoved,
            sessionsEnded,
          };
        },
        (done) => ({
          action: "mfa.factor_reset_by_admin",
          targetType: "user",
          targetId: person.id,
          details: done,
        }),
      );
      await sendOrKeep(
        deps,
        secondFactorResetMessage(person.email, appOrigin(deps.config, request)),
        deps.clock.now(),
        { kind: "account-security", userId: person.id },
      );
      return result;
    },
  );
}
