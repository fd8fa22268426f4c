import { z } from "zod";
import { reauthBodySchema } from "./mfa.ts";

/*
 * Passkeys (WebAuthn). The browser's answers travel as the JSON that
 * @simplewebauthn/browser makes of them; the server's options are WebAuthn's
 * own JSON forms, passed to the browser as they are.
 */

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "Expected base64url.");

const transportSchema = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

const extensionResultsSchema = z.record(z.string(), z.unknown());

export const registrationResponseSchema = z.strictObject({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.strictObject({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(16000),
    authenticatorData: base64url(16000).optional(),
    transports: z.array(transportSchema).max(8).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4000).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: extensionResultsSchema,
});

export const authenticationResponseSchema = z.strictObject({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.strictObject({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(16000),
    signature: base64url(2000),
    userHandle: base64url(200).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: extensionResultsSchema,
});

/** WebAuthn's options for `navigator.credentials.create()` / `.get()`, in their JSON form. */
export const passkeyOptionsSchema = z.looseObject({ challenge: z.string() });

/** Starting to register asks for the password again (or a code from the app). */
export const passkeyRegistrationStartSchema = reauthBodySchema;

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name, such as the device it is on.")
  .max(60, "Keep the name to 60 characters.");

export const passkeyRegistrationBodySchema = z.strictObject({
  name: passkeyNameSchema,
  response: registrationResponseSchema,
});

export const passkeyAssertionBodySchema = z.strictObject({
  response: authenticationResponseSchema,
});

export const passkeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const passkeyListSchema = z.object({ passkeys: z.array(passkeySchema) });

export const passkeyIdParamsSchema = z.strictObject({ passkeyId: z.uuid() });
