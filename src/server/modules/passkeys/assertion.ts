import type { Kysely } from "kysely";
import type { z } from "zod";
import type { authenticationResponseSchema } from "../../../contracts/passkeys.ts";
import type { DB } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/store.ts";
import { PasskeyNotAccepted } from "../../errors.ts";
import { checkAssertion, type RelyingParty, signedChallenge, userHandle } from "./ceremony.ts";
import { passkeyPolicy } from "./policy.ts";
import {
  type ChallengeBinding,
  type PasskeyPurpose,
  type PasskeyRow,
  passkeyByCredentialId,
  recordPasskeyUse,
  spendPasskeyChallenge,
} from "./store.ts";

export type RefusalReason =
  | "no_live_challenge"
  | "unknown_credential"
  | "invalid_response"
  | "counter_regression"
  | "account_disabled";

export type Refused = { ok: false; reason: RefusalReason };
export type UseVerdict = { ok: true; passkey: PasskeyRow } | Refused;

const DETAIL: Record<RefusalReason, string> = {
  no_live_challenge:
    "This passkey request has timed out or was already used. Start again and use your passkey within 5 minutes.",
  unknown_credential:
    "That passkey is not registered with Cascade (it may have been removed). Use another way to sign in.",
  invalid_response: "That passkey was not accepted. Try again, or use another way to sign in.",
  counter_regression:
    "That passkey was not accepted: it reported an earlier use than Cascade has seen, so it may have been copied. Use another way to sign in, and remove the passkey from your security settings.",
  account_disabled: "That passkey was not accepted. Try again, or use another way to sign in.",
};

/**
 * Uses a passkey once, whichever ceremony it answers: spends the challenge it
 * signed (whatever the outcome), finds the credential, checks the response,
 * the account and the counter, and records the use. `expectedUserId` binds it
 * to the person of a password step or session.
 */
export async function acceptAssertion(
  db: Kysely<DB>,
  rp: RelyingParty,
  input: {
    purpose: PasskeyPurpose;
    binding: ChallengeBinding;
    response: z.infer<typeof authenticationResponseSchema>;
    expectedUserId?: string;
    now: Date;
  },
): Promise<UseVerdict> {
  const { response, now } = input;
  const value = signedChallenge(response.response.clientDataJSON);
  const spent = value
    ? await spendPasskeyChallenge(db, {
        challenge: value,
        purpose: input.purpose,
        binding: input.binding,
        now,
      })
    : undefined;
  if (!spent) return { ok: false, reason: "no_live_challenge" };
  const passkey = await passkeyByCredentialId(db, response.id);
  const owner = input.expectedUserId ?? spent.userId;
  if (!passkey || (owner && passkey.userId !== owner)) {
    return { ok: false, reason: "unknown_credential" };
  }
  const handle = response.response.userHandle;
  if (handle && handle !== Buffer.from(userHandle(passkey.userId)).toString("base64url")) {
    return { ok: false, reason: "invalid_response" };
  }
  const verdict = await checkAssertion(rp, spent.challenge, response, passkey);
  if (!verdict.ok) return verdict;
  if (!passkeyPolicy.signInWith({ disabled_at: passkey.disabledAt })) {
    return { ok: false, reason: "account_disabled" };
  }
  // Another assertion may have moved the counter a moment ago: the update decides.
  if (!(await recordPasskeyUse(db, passkey.id, passkey.counter, verdict.newCounter, now))) {
    return { ok: false, reason: "counter_regression" };
  }
  return { ok: true, passkey };
}

/** Audits a refused passkey answer and answers the problem to throw. */
export async function refacceptAssertion(
  db: Kysely<DB>,
  now: Date,
  input: {
    reason: RefusalReason;
    purpose: PasskeyPurpose;
    credentialId: string;
    actorUserId: string | null;
    ip: string;
  },
): Promise<PasskeyNotAccepted> {
  const passkey = await passkeyByCredentialId(db, input.credentialId);
  await recordAudit(db, now, {
    action:
      input.reason === "counter_regression" ? "passkey.counter_regressed" : "auth.passkey_refused",
    actorUserId: input.actorUserId,
    targetType: passkey ? "passkey" : undefined,
    targetId: passkey?.id,
    ip: input.ip,
    details: { reason: input.reason, purpose: input.purpose },
  });
  return new PasskeyNotAccepted(DETAIL[input.reason]);
}
