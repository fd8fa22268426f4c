import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import type {
  authenticationResponseSchema,
  registrationResponseSchema,
} from "../../../contracts/passkeys.ts";
import { judgeCounter } from "../../../domain/passkey-counter.ts";
import type { AppDeps } from "../../context.ts";
import { appOrigin } from "../../origin.ts";
import type { PasskeyRow } from "./store.ts";

/*
 * The WebAuthn ceremonies, over @simplewebauthn/server. The relying party is
 * the app's own origin (CASCADE_PUBLIC_URL when set, else the trusted address
 * the browser used: see origin.ts), and its host is the RP ID: a response made
 * for any other origin or RP ID is refused.
 */

export const RP_NAME = "Cascade";

export interface RelyingParty {
  origin: string;
  rpID: string;
}

export function relyingParty(deps: Pick<AppDeps, "config">, request: FastifyRequest): RelyingParty {
  const origin = appOrigin(deps.config, request);
  return { origin, rpID: new URL(origin).hostname };
}

/** The WebAuthn user handle: the account's id, never anything a person could be known by. */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, "utf8"));
}

/** The challenge the browser signed over, from its clientDataJSON; undefined when unreadable. */
export function signedChallenge(clientDataJSON: string): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    return typeof data?.challenge === "string" && data.challenge.length <= 200
      ? data.challenge
      : undefined;
  } catch {
    return undefined;
  }
}

/** WebAuthn's options in their JSON form, passed to the browser as they are. */
export type WebAuthnOptions = { challenge: string } & Record<string, unknown>;

const asTransports = (list: string[]) => list as AuthenticatorTransportFuture[];

export async function registrationOptions(
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
  challenge: string,
  existing: PasskeyRow[],
): Promise<WebAuthnOptions> {
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandle(user.id),
    challenge: Buffer.from(challenge, "base64url"),
    attestationType: "none",
    // Discoverable, so the same passkey also signs in without a password.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: asTransports(p.transports),
    })),
    timeout: 120_000,
  });
  return { ...options };
}

export async function authenticationOptions(
  rp: RelyingParty,
  challenge: string,
  allowed: PasskeyRow[] | "any",
): Promise<WebAuthnOptions> {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    challenge: Buffer.from(challenge, "base64url"),
    userVerification: "required",
    allowCredentials:
      allowed === "any"
        ? []
        : allowed.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
    timeout: 120_000,
  });
  return { ...options };
}

export type RegistrationVerdict =
  | {
      ok: true;
      credentialId: string;
      publicKey: Uint8Array;
      counter: number;
      transports: string[];
    }
  | { ok: false };

export async function checkRegistration(
  rp: RelyingParty,
  challenge: string,
  response: z.infer<typeof registrationResponseSchema>,
): Promise<RegistrationVerdict> {
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!result.verified) return { ok: false };
    const { credential } = result.registrationInfo;
    return {
      ok: true,
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: response.response.transports ?? [],
    };
  } catch {
    return { ok: false };
  }
}

export type AssertionVerdict =
  | { ok: true; newCounter: number }
  | { ok: false; reason: "invalid_response" | "counter_regression" };

/**
 * Checks an assertion's signature, origin, RP ID, challenge and user
 * verification, then its counter against the one stored (the library is given
 * zero, so the counter rule is ours and its refusal can be told apart).
 */
export async function checkAssertion(
  rp: RelyingParty,
  challenge: string,
  response: z.infer<typeof authenticationResponseSchema>,
  passkey: PasskeyRow,
): Promise<AssertionVerdict> {
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
        transports: asTransports(passkey.transports),
      },
      requireUserVerification: true,
    });
    if (!result.verified) return { ok: false, reason: "invalid_response" };
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    return { ok: false, reason: "invalid_response" };
  }
  if (judgeCounter(passkey.counter, newCounter) === "regressed") {
    return { ok: false, reason: "counter_regression" };
  }
  return { ok: true, newCounter };
}
