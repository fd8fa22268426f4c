import { z } from "zod";
import { SIGN_IN_METHODS } from "../domain/sign-in-method.ts";

/** One of the signed-in person's own sessions. */
export const mySessionSchema = z.object({
  id: z.uuid(),
  /** A readable device name from the user agent, e.g. "Chrome on Windows". */
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  method: z.enum(SIGN_IN_METHODS),
  /** The session making this request. */
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;

export const mySessionsSchema = z.object({ items: z.array(mySessionSchema) });
export type MySessions = z.infer<typeof mySessionsSchema>;

export const sessionIdParams = z.strictObject({ id: z.uuid() });

export const sessionsEndedSchema = z.object({ sessionsEnded: z.number().int() });
export type SessionsEnded = z.infer<typeof sessionsEndedSchema>;

export const SIGN_IN_METHOD_LABELS: Record<(typeof SIGN_IN_METHODS)[number], string> = {
  password: "Password",
  sign_in_link: "Emailed sign-in link",
  password_totp: "Password and authenticator code",
  recovery_code: "Password and recovery code",
  passkey: "Passkey",
  oidc: "Single sign-on",
  oidc_mfa: "Single sign-on with a second factor",
  setup: "Setting up Cascade",
  invitation: "Accepting an invitation",
};
