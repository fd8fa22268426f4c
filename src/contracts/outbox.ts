import { z } from "zod";

/** The kinds of message Cascade sends (older outbox rows, before kinds were kept, are "other"). */
export const OUTBOX_KINDS = [
  "workshop-week",
  "action-overdue",
  "sign-in-link",
  "membership-approval",
  "password-reset",
  "account-security",
  "pp-statement-due",
  "newsletter",
  "other",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_KIND_LABELS: Record<(typeof OUTBOX_KINDS)[number], string> = {
  "workshop-week": "Workshop next week",
  "action-overdue": "Action overdue",
  "sign-in-link": "Sign-in link",
  "membership-approval": "Role waiting for approval",
  "password-reset": "Password reset link",
  "account-security": "Account security notice",
  "pp-statement-due": "Pupil premium statement due",
  newsletter: "Termly newsletter",
  other: "Other",
};

/**
 * One message in the outbox. Its subject and body are given only to the person it is
 * addressed to: reminders quote text typed inside a school (an action's title), which
 * an administrator reading the outbox must not see.
 */
export const outboxItemSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  kind: z.enum(OUTBOX_KINDS),
  createdAt: z.string(),
  state: z.enum(["kept", "failed"]),
  /** Why sending failed, when a mail server is set up; null when kept for want of one. */
  error: z.string().nullable(),
  addressedToYou: z.boolean(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxSchema = z.object({
  mailConfigured: z.boolean(),
  items: z.array(outboxItemSchema),
});
export type Outbox = z.infer<typeof outboxSchema>;
