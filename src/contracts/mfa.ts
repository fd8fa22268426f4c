import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../domain/password-limits.ts";
import { roleSchema } from "./roles.ts";

/** Six digits, as authenticator apps show them; spaces people type are ignored. */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.replaceAll(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** As shown (four groups of four), in any case, with or without the dashes. */
export const recoveryCodeSchema = z
  .string()
  .max(40, "That recovery code is too long.")
  .transform((s) => s.replaceAll(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{16}$/, "A recovery code has 16 letters and digits."));

/** A code from the app, or one recovery code: exactly one of the two. */
export const secondFactorBodySchema = z.union([
  z.strictObject({ code: totpCodeSchema }),
  z.strictObject({ recoveryCode: recoveryCodeSchema }),
]);
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;

export const secondFactorStandingSchema = z.enum([
  "ok",
  "enrolment-required",
  "second-factor-required",
]);

export const mfaStatusSchema = z.object({
  standing: secondFactorStandingSchema,
  totpEnabled: z.boolean(),
  /** How many passkeys the person has registered. */
  passkeys: z.number().int(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** Whether the network's policy requires a second factor of this person. */
  requiredByPolicy: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const totpEnrolmentSchema = z.object({
  /** The secret in Base32, for typing into an app by hand. */
  manualKey: z.string(),
  otpauthUri: z.string(),
  /** The same URI as a QR code, a data: URL of an SVG image. */
  qrCode: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const totpConfirmBodySchema = z.strictObject({ code: totpCodeSchema });

export const recoveryCodesSchema = z.object({
  /** Shown once: only their digests are kept. */
  recoveryCodes: z.array(z.string()),
});
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/**
 * Changing a factor asks for the password again (or a fresh code from the app);
 * an empty body will do within a few minutes of the last such proof on this
 * session (domain/reauth-window.ts), and otherwise answers 401 `reauth_required`.
 */
export const reauthBodySchema = z.union([
  z.strictObject({
    password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
  }),
  z.strictObject({ code: totpCodeSchema }),
  z.strictObject({}),
]);
export type ReauthBody = z.infer<typeof reauthBodySchema>;

export const secondFactorChallengeSchema = z.object({
  /** The password was right; the second step is next (its challenge is in a cookie). */
  secondFactor: z.literal("required"),
  /** The factors the person has, so the second step offers each. */
  methods: z.array(z.enum(["totp", "passkey"])),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

export const securitySettingsSchema = z.object({
  secondFactorRequired: z.boolean(),
  /** The roles the requirement covers when it is on. */
  coveredRoles: z.array(roleSchema),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const securitySettingsBodySchema = z.strictObject({
  secondFactorRequired: z.boolean(),
});

/** What an administrator's reset of someone's second factor removed. */
export const secondFactorResetSchema = z.object({
  totpRemoved: z.boolean(),
  recoveryCodesRemoved: z.number().int(),
  passkeysRemoved: z.number().int(),
  sessionsEnded: z.number().int(),
});
export type SecondFactorReset = z.infer<typeof secondFactorResetSchema>;
