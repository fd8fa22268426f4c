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
  /**
   * Who is looking, relative to the invitation: signed in as the invited email
   * (accept with one click), as someone else, or not signed in. Nothing here says
   * whether the invited email already has an account.
   */
  viewer: z.enum(["invitee", "someone_else", "signed_out"]),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/**
 * Signed in as the invited email: the token alone. Signed out: the name and
 * password of the new account. An existing account never proves itself here
 * with its password; its owner signs in first, through the throttled sign-in.
 */
export const acceptInvitationSchema = z.strictObject({
  token: invitationTokenSchema.shape.token,
  name: personNameSchema.optional(),
  password: newPasswordSchema.optional(),
});
