import { z } from "zod";
import { emailSchema, newPasswordSchema, personNameSchema } from "./auth.ts";
import { roleSchema, scopeTypeSchema } from "./roles.ts";

export const createInvitationSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  scopeType: scopeTypeSchema,
  scopeId: z.uuid("Choose the school or cluster this role is held in.").nullish(),
});
export type CreateInvitation = z.infer<typeof createInvitationSchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  scopeType: scopeTypeSchema,
  scopeId: z.uuid().nullable(),
  scopeName: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The one-time link, shown only when no mail server is configured (or sending failed). */
  url: z.string().optional(),
  emailed: z.boolean(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const pendingInvitationSchema = invitationSchema.omit({ url: true, emailed: true });

export const invitationTokenSchema = z.strictObject({
  token: z
    .string()
    .min(20, "This invitation link is incomplete.")
    .max(100, "This invitation link is not valid."),
});

export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  scopeType: scopeTypeSchema,
  scopeName: z.string(),
  expiresAt: z.iso.datetime(),
  /** The email already has an account: accepting asks for that account's password. */
  existingAccount: z.boolean(),
});

export const acceptInvitationSchema = z.strictObject({
  token: invitationTokenSchema.shape.token,
  name: personNameSchema,
  password: newPasswordSchema,
});
