import { z } from "zod";
import { pupilSchema } from "./pupil-data.ts";

/**
 * UK GDPR rights as features: subject access (a pupil's data for a school
 * leader, one's own for any member of staff), the rectification history, and
 * erasure. Dates are ISO 8601 (timestamps in UTC, calendar dates as YYYY-MM-DD).
 */

/** What Cascade never holds, said in the export so its reader need not ask. */
export const NOT_HELD_FOR_PUPILS = [
  "Questionnaire or wellbeing answers: Cascade has no questionnaires.",
  "Free-text notes about individual pupils: Cascade has no such notes.",
] as const;

export const historyEntrySchema = z.object({
  entity: z.enum(["pupil", "observation"]),
  /** The pupil's column (e.g. year_group), or "value" for an observation. */
  field: z.string(),
  measure: z.string().nullable(),
  assessmentPoint: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  source: z.enum(["edit", "import", "undo"]),
  changedAt: z.string(),
  /** The person who made the change; null when unknown (e.g. an import by a removed account). */
  changedBy: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const pupilHistorySchema = z.object({ items: z.array(historyEntrySchema) });
export type PupilHistory = z.infer<typeof pupilHistorySchema>;

const auditEntrySchema = z.object({
  occurredAt: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
});

export const pupilExportSchema = z.object({
  kind: z.literal("pupil"),
  generatedAt: z.string(),
  school: z.object({ id: z.uuid(), name: z.string() }),
  pupil: pupilSchema,
  pseudonyms: z.array(
    z.object({ academicYear: z.string(), code: z.string(), createdAt: z.string() }),
  ),
  observations: z.array(
    z.object({
      measure: z.string(),
      assessmentPoint: z.string(),
      academicYear: z.string(),
      value: z.number(),
      recordedAt: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  history: z.array(historyEntrySchema),
  cohortMembership: z.array(
    z.object({
      cluster: z.string(),
      academicYear: z.string(),
      joinedOn: z.string(),
      leftOn: z.string().nullable(),
      reason: z.string().nullable(),
      addedAt: z.string(),
    }),
  ),
  strategies: z.array(z.object({ id: z.uuid(), title: z.string(), addedOn: z.string() })),
  imports: z.array(
    z.object({
      fileName: z.string(),
      importedAt: z.string(),
      entity: z.enum(["pupil", "observation"]),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()),
    }),
  ),
  auditEntries: z.array(auditEntrySchema),
  notHeld: z.array(z.string()),
});
export type PupilExport = z.infer<typeof pupilExportSchema>;

export const staffExportSchema = z.object({
  kind: z.literal("staff"),
  generatedAt: z.string(),
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
    remindersEnabled: z.boolean(),
  }),
  memberships: z.array(
    z.object({
      role: z.string(),
      scopeType: z.string(),
      scopeId: z.string().nullable(),
      pending: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  sessions: z.array(
    z.object({
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      method: z.string(),
    }),
  ),
  teams: z.array(
    z.object({
      enrolmentId: z.uuid(),
      teamRole: z.string(),
      subject: z.string().nullable(),
      joinedAt: z.string(),
    }),
  ),
  auditEntries: z.array(auditEntrySchema.extend({ ip: z.string().nullable() })),
  authored: z.object({
    strategies: z.array(z.object({ id: z.uuid(), title: z.string(), createdAt: z.string() })),
    strategyReviews: z.array(
      z.object({ strategyId: z.uuid(), reviewedOn: z.string(), createdAt: z.string() }),
    ),
    actions: z.array(z.object({ id: z.uuid(), title: z.string(), createdAt: z.string() })),
    /** How many assessment values they recorded (the values are the pupils' data, not theirs). */
    observationsRecorded: z.number().int(),
  }),
});
export type StaffExport = z.infer<typeof staffExportSchema>;

export const erasePupilSchema = z.strictObject({
  /** The pupil's legal first name and surname, typed again to confirm. */
  confirmName: z.string().trim().min(1, "Type the pupil's name to confirm.").max(300),
});

export const pupilErasedSchema = z.object({
  erased: z.literal(true),
  observations: z.number().int(),
  cohortMemberships: z.number().int(),
  strategyParticipations: z.number().int(),
  historyRows: z.number().int(),
  pseudonymsRetired: z.number().int(),
});
export type PupilErased = z.infer<typeof pupilErasedSchema>;

export const eraseUserSchema = z.strictObject({
  /** The account's email address, typed again to confirm. */
  confirmEmail: z.string().trim().min(1, "Type the account's email address to confirm.").max(320),
});

export const userErasedSchema = z.object({
  erased: z.literal(true),
  sessionsEnded: z.number().int(),
});

/** The name an erased member of staff's authorship shows. */
export const FORMER_STAFF_NAME = "Former member of staff";
