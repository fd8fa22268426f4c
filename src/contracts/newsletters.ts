import { z } from "zod";

/** What an item of a newsletter is about. */
export const NEWSLETTER_ITEM_KINDS = ["case_study", "evidence", "resource", "progress"] as const;
export type NewsletterItemKind = (typeof NEWSLETTER_ITEM_KINDS)[number];
export const NEWSLETTER_ITEM_KIND_LABELS: Record<NewsletterItemKind, string> = {
  case_study: "Case study",
  evidence: "Evidence",
  resource: "Resource",
  progress: "Network progress",
};

/** One item of an issue: Cascade writes its title and summary from the record; the editor chooses and orders. */
export const newsletterItemSchema = z.object({
  kind: z.enum(NEWSLETTER_ITEM_KINDS),
  /** The case study's or resource's id, the strand's key, or "network" for progress. */
  refId: z.string().min(1).max(100),
  title: z.string(),
  summary: z.string(),
});
export type NewsletterItem = z.infer<typeof newsletterItemSchema>;

export const newsletterItemRefSchema = z.strictObject({
  kind: z.enum(NEWSLETTER_ITEM_KINDS),
  refId: z.string().min(1).max(100),
});

export const newsletterProgressSchema = z.object({
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  /** False when there is no mail server: the messages are kept in the outbox. */
  mailConfigured: z.boolean(),
  done: z.boolean(),
  failures: z.array(z.object({ email: z.string(), error: z.string() })),
});
export type NewsletterProgress = z.infer<typeof newsletterProgressSchema>;

export const NEWSLETTER_STATUSES = ["draft", "sending", "sent"] as const;

export const newsletterSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  termLabel: z.string(),
  status: z.enum(NEWSLETTER_STATUSES),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NewsletterSummary = z.infer<typeof newsletterSummarySchema>;

/** An issue as its editor sees it: what is in it, what else Cascade proposes, and how sending goes. */
export const newsletterSchema = newsletterSummarySchema.extend({
  introduction: z.string(),
  items: z.array(newsletterItemSchema),
  /** Proposed items (since the last sent issue) not in the issue now. */
  available: z.array(newsletterItemSchema),
  /** The date the proposals start from: the last sent issue's, or null for the first issue. */
  since: z.string().nullable(),
  progress: newsletterProgressSchema.nullable(),
});
export type Newsletter = z.infer<typeof newsletterSchema>;

export const newNewsletterSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  termLabel: z.string().trim().min(1).max(60),
});

export const newsletterEditSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  termLabel: z.string().trim().min(1).max(60),
  introduction: z.string().max(20000),
  items: z.array(newsletterItemRefSchema).max(100),
});

/** A sent issue, as any signed-in member reads it. */
export const backIssueSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  termLabel: z.string(),
  sentAt: z.string().nullable(),
  introduction: z.string(),
  items: z.array(newsletterItemSchema),
  /** The issue as it was mailed (escaped throughout), for a sandboxed frame. */
  html: z.string(),
});
export type BackIssue = z.infer<typeof backIssueSchema>;

export const newsletterSubscriptionSchema = z.object({ subscribed: z.boolean() });
export type NewsletterSubscription = z.infer<typeof newsletterSubscriptionSchema>;
export const unsubscribeBodySchema = z.strictObject({ token: z.string().min(1).max(300) });
export const unsubscribeCheckSchema = z.object({ subscribed: z.boolean(), email: z.string() });
