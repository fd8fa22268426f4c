import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import type { z } from "zod";
import type {
  authenticationResponseSchema,
  registrationResponseSchema,
} from "../../contracts/passkeys.ts";
import { ApiProblem } from "./api-client.ts";

/*
 * The browser's half of a passkey ceremony, over @simplewebauthn/browser. The
 * server's options go to the browser as they are; what the browser says back
 * goes to the server as it is. When the browser refuses, the person is told why
 * in plain words, as an ApiProblem so the usual alert shows it.
 */

type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
type AuthenticationResponse = z.infer<typeof authenticationResponseSchema>;

/** The options as the server sends them (WebAuthn's JSON form). */
export type PasskeyOptions = { challenge: string } & Record<string, unknown>;

export type Ceremony = "register" | "sign-in";

const TITLES: Record<Ceremony, string> = {
  register: "The passkey was not saved",
  "sign-in": "The passkey was not used",
};

/** What to tell the person when the browser ends a ceremony without an answer. */
export function ceremonyProblem(ceremony: Ceremony, error: unknown): ApiProblem {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: string } | null)?.code;
  const lead = `${TITLES[ceremony]}:`;
  let detail: string;
  if (name === "NotAllowedError" || name === "AbortError") {
    detail = `${lead} the browser's prompt was cancelled or timed out.`;
  } else if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") {
    detail = `${lead} this device already holds a passkey for your account.`;
  } else if (
    name === "ConstraintError" ||
    code === "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT" ||
    code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT"
  ) {
    detail = `${lead} this device cannot keep a passkey that checks it is you (a PIN, fingerprint or face). Try another device or security key.`;
  } else if (name === "SecurityError") {
    detail = `${lead} the browser would not use passkeys on this address.`;
  } else {
    detail = `${lead} the browser could not finish. Try again.`;
  }
  return new ApiProblem(0, TITLES[ceremony], detail);
}

const unsupported = (ceremony: Ceremony) =>
  new ApiProblem(
    0,
    TITLES[ceremony],
    `${TITLES[ceremony]}: this browser does not support passkeys.`,
  );

/** Asks the browser to make a passkey for the server's creation options. */
export async function createPasskey(options: PasskeyOptions): Promise<RegistrationResponse> {
  if (!browserSupportsWebAuthn()) throw unsupported("register");
  try {
    const answer = await startRegistration({
      optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
    return answer as RegistrationResponse;
  } catch (error) {
    throw ceremonyProblem("register", error);
  }
}

/** Asks the browser to sign the server's challenge with one of the person's passkeys. */
export async function signWithPasskey(options: PasskeyOptions): Promise<AuthenticationResponse> {
  if (!browserSupportsWebAuthn()) throw unsupported("sign-in");
  try {
    const answer = await startAuthentication({
      optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
    });
    return answer as AuthenticationResponse;
  } catch (error) {
    throw ceremonyProblem("sign-in", error);
  }
}
