import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reauthBodySchema } from "../../../contracts/mfa.ts";
import {
  passkeyIdParamsSchema,
  passkeyListSchema,
  passkeyOptionsSchema,
  passkeyRegistrationBodySchema,
  passkeySchema,
} from "../../../contracts/passkeys.ts";
import { authorize } from "../../access/authorize.ts";
import { factorsOf, standingOf } from "../../access/second-factor.ts";
import { deleteOtherSessionsOfUser } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { Conflict, NotFound, PasskeyNotAccepted } from "../../errors.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { actorOf, clientOf } from "../../request-info.ts";
import { reauthenticate } from "../mfa/factor-check.ts";
import { replaceSession } from "../mfa/store.ts";
import {
  checkRegistration,
  registrationOptions,
  relyingParty,
  signedChallenge,
} from "./ceremony.ts";
import { passkeyPolicy } from "./policy.ts";
import {
  createPasskeyChallenge,
  insertPasskey,
  ownPasskey,
  type PasskeyRow,
  passkeysOf,
  removePasskey,
  spendPasskeyChallenge,
} from "./store.ts";

const presentPasskey = (p: PasskeyRow) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

const OWN = "A passkey is its owner's to manage.";
const WAITING =
  "Pass your second factor in this session before adding a passkey: use your authenticator app or an existing passkey.";

/** Registering, listing and removing one's own passkeys. */
export async function passkeyRegistrationRoutes(
  app: FastifyInstance,
  deps: AppDeps,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/passkeys",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["passkeys"],
        summary: "My passkeys, with when each was added and last used",
        response: { 200: passkeyListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(passkeyPolicy.listPasskeys(actor, actor), OWN);
      return { passkeys: (await passkeysOf(deps.db, actor.userId)).map(presentPasskey) };
    },
  );

  r.post(
    "/api/passkeys/registration/options",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["passkeys"],
        summary:
          "Start registering a passkey (asks for the password or a code): WebAuthn creation options, with a challenge for this session that works once within 5 minutes",
        body: reauthBodySchema,
        response: { 200: passkeyOptionsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const standing = await standingOf(deps.db, actor);
      authorize(passkeyPolicy.addPasskey(actor, actor, standing), WAITING);
      await reauthenticate(deps, actor, request.body, client.ip);
      const now = deps.clock.now();
      const challenge = await createPasskeyChallenge(deps.db, {
        purpose: "register",
        userId: actor.userId,
        binding: { sessionId: actor.sessionId },
        now,
      });
      const existing = await passkeysOf(deps.db, actor.userId);
      return registrationOptions(
        relyingParty(deps, request),
        { id: actor.userId, email: actor.email, name: actor.name },
        challenge,
        existing,
      );
    },
  );

  r.post(
    "/api/passkeys",
    {
      config: { access: SIGNED_IN, beforeSecondFactor: true },
      schema: {
        tags: ["passkeys"],
        summary:
          "Finish registering a passkey with the browser's answer and a name for it (ends my other sessions; this one counts as multi-factor)",
        body: passkeyRegistrationBodySchema,
        response: { 201: passkeySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const now = deps.clock.now();
      const standing = await standingOf(deps.db, actor);
      authorize(passkeyPolicy.addPasskey(actor, actor, standing), WAITING);
      const { name, response } = request.body;
      const value = signedChallenge(response.response.clientDataJSON);
      const spent = value
        ? await spendPasskeyChallenge(deps.db, {
            challenge: value,
            purpose: "register",
            binding: { sessionId: actor.sessionId },
            now,
          })
        : undefined;
      const verdict = spent
        ? await checkRegistration(relyingParty(deps, request), spent.challenge, response)
        : undefined;
      if (!verdict?.ok) {
        await recordAudit(deps.db, now, {
          action: "passkey.registration_refused",
          actorUserId: actor.userId,
          ip: client.ip,
          details: { reason: spent ? "invalid_response" : "no_live_challenge" },
        });
        throw new PasskeyNotAccepted(
          spent
            ? "The passkey could not be registered: the browser's answer was not valid for Cascade. Try again."
            : "This passkey registration has timed out or was already used. Start again and finish within 5 minutes.",
        );
      }
      const result = await auditedChange(
        deps,
        actor,
        async (trx) => {
          const passkey = await insertPasskey(trx, {
            userId: actor.userId,
            credentialId: verdict.credentialId,
            publicKey: verdict.publicKey,
            counter: verdict.counter,
            transports: verdict.transports,
            name,
            now,
          });
          if (!passkey) return null;
          const ended = await deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId);
          // Password just now and the new passkey: this session counts as multi-factor.
          const session = await replaceSession(
            trx,
            actor.userId,
            actor.sessionId,
            now,
            client,
            "passkey",
          );
          return { passkey, ended, session };
        },
        (done) =>
          done
            ? {
                action: "passkey.added",
                targetType: "passkey",
                targetId: done.passkey.id,
                details: { otherSessionsEnded: done.ended },
              }
            : [],
      );
      if (!result) throw new Conflict("That passkey is already registered.");
      setSessionCookie(reply, deps, result.session.token, null);
      reply.code(201);
      return presentPasskey(result.passkey);
    },
  );

  r.post(
    "/api/passkeys/:passkeyId/remove",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["passkeys"],
        summary:
          "Remove one of my passkeys (asks for the password or a code; ends my other sessions)",
        params: passkeyIdParamsSchema,
        body: reauthBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = clientOf(request);
      const passkey = await ownPasskey(deps.db, actor.userId, request.params.passkeyId);
      if (!passkey) throw new NotFound("passkey");
      authorize(passkeyPolicy.removePasskey(actor, passkey), OWN);
      await reauthenticate(deps, actor, request.body, client.ip);
      const result = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          if (!(await removePasskey(trx, actor.userId, passkey.id))) return null;
          const ended = await deleteOtherSessionsOfUser(trx, actor.userId, actor.sessionId);
          // With no factor left this session no longer counts as multi-factor.
          const session =
            (await factorsOf(trx, actor.userId)).length === 0
              ? await replaceSession(trx, actor.userId, actor.sessionId, now, client, "password")
              : null;
          return { ended, session };
        },
        (done) =>
          done
            ? {
                action: "passkey.removed",
                targetType: "passkey",
                targetId: passkey.id,
                details: { otherSessionsEnded: done.ended },
              }
            : [],
      );
      if (!result) throw new NotFound("passkey");
      if (result.session) setSessionCookie(reply, deps, result.session.token, null);
      return reply.code(204).send(null);
    },
  );
}
