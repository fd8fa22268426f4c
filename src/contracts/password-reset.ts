import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../domain/password-limits.ts";
import { newPasswordSchema } from "./auth.ts";

export const passwordResetRequestSchema = z.strictObject({
  email: z.string().max(254, "An email address has at most 254 characters."),
});

export const passwordResetCompleteSchema = z.strictObject({
  token: z
    .string()
    .min(20, "This reset link is incomplete.")
    .max(100, "This reset link is not valid."),
  password: newPasswordSchema,
});
export type PasswordResetComplete = z.infer<typeof passwordResetCompleteSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH, "That password is too long."),
  newPassword: newPasswordSchema,
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const detailSchema = z.object({ detail: z.string() });

export const passwordChangedSchema = z.object({
  detail: z.string(),
  /** How many of the person's other sessions were ended. */
  sessionsEnded: z.number().int(),
});
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
