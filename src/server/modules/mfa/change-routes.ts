import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reauthBodySchema, recoveryCodesSchema } from "../../../contracts/mfa.ts";
import { authorize } from "../../access/authorize.ts";
import { factorsOf } from "../../access/second-factor.ts";
import { deleteOtherSessionsOfUser } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { reauthenticate } from "./factor-check.ts";
import { mfaPolicy } from "./policy.ts";
import { removeTotp, replaceRecoveryCodes, replaceSession, totpOf } from "./store.ts";
import { hashRecoveryCode, newRecoveryCodes } from "./totp.ts";

/** Changing a confirmed factor: turning it off, new recovery codes. Both ask for the password or a code again. */
export async function mfaChangeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/mfa/totp/disable",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["mfa"],
        summary:
          "Turn my authenticator app off (asks for the password or a code; ends my other sessions)",
        body: reauthBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      authorize(mfaPolicy.changeFactor(actor, actor), "A second factor is its owner's to change.");
      if (!(await totpOf(deps.db, actor.userId))?.confirmedAt) {
        throw new Conflict("No authenticator app is set up.");
      }
      await reauthenticate(deps, actor, request.body, client.ip);
      const result = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          await removeTotp(trx, actor.userId);
          const ended = await deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId);
          // Without a factor this session no longer counts as multi-factor (a passkey left keeps it).
          const session =
            (await factorsOf(trx, actor.userId)).length === 0
              ? await replaceSession(trx, actor.userId, actor.sessionId, now, client, "password")
              : null;
          return { ended, session };
        },
        ({ ended }) => ({
          action: "mfa.totp_disabled",
          targetType: "user",
          targetId: actor.userId,
          details: { otherSessionsEnded: ended },
        }),
      );
      if (result.session) setSessionCookie(reply, deps, result.session.token, null);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/api/mfa/recovery-codes",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["mfa"],
        summary:
          "Replace my recovery codes with 10 new ones, shown once (asks for the password or a code; ends my other sessions)",
        body: reauthBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(mfaPolicy.changeFactor(actor, actor), "A second factor is its owner's to change.");
      if (!(await totpOf(deps.db, actor.userId))?.confirmedAt) {
        throw new Conflict("Set up an authenticator app first.");
      }
      await reauthenticate(deps, actor, request.body, clientOf(request).ip);
      const codes = newRecoveryCodes();
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          await replaceRecoveryCodes(trx, actor.userId, codes.map(hashRecoveryCode), now);
          return deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId);
        },
        (ended) => ({
          action: "mfa.recovery_codes_replaced",
          targetType: "user",
          targetId: actor.userId,
          details: { otherSessionsEnded: ended },
        }),
      );
      return { recoveryCodes: codes };
    },
  );
}
