import { z } from "zod";

const isoDate = z.iso.date("Use a date like 2026-11-23.");

/** A page of the audit log, filtered. Dates are London days, both ends included. */
export const auditQuerySchema = z
  .strictObject({
    actorId: z.uuid().optional(),
    action: z
      .string()
      .regex(/^[a-z_.]{1,80}$/, "An action looks like pupil.viewed.")
      .optional(),
    schoolId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "The end date must not be before the start date.",
  });

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const chainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({
      reason: z.enum(["missing_before", "altered", "relinked", "missing_at_end"]),
      seq: z.number().int(),
      id: z.number().int().nullable(),
    })
    .nullable(),
  summary: z.string(),
});

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int(),
  /** Every action the log holds, for the filter. */
  actions: z.array(z.string()),
});

export type AuditEventView = z.infer<typeof auditEventSchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type ChainCheckView = z.infer<typeof chainCheckSchema>;

export const accessHistoryQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "The end date must not be before the start date.",
  });

/** One time someone read or changed the school's pupil data (or tried to). */
export const accessHistoryEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  /** The pupil the row names, when it names one of the school's own pupils. */
  pupil: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** How many pupils a bulk read or change covered, when the row says. */
  count: z.number().int().nullable(),
  refused: z.boolean(),
});

export const accessHistorySchema = z.object({
  items: z.array(accessHistoryEntrySchema),
  total: z.number().int(),
});

export type AccessHistory = z.infer<typeof accessHistorySchema>;
export type AccessHistoryEntry = z.infer<typeof accessHistoryEntrySchema>;
