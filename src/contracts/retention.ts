import { z } from "zod";
import { RETENTION_LIMITS } from "../domain/retention.ts";

const years = (key: keyof typeof RETENTION_LIMITS, what: string) => {
  const { min, max } = RETENTION_LIMITS[key];
  return z
    .number()
    .int(`${what} is a whole number of years.`)
    .min(min, `${what} is at least ${min} year${min === 1 ? "" : "s"}.`)
    .max(max, `${what} is at most ${max} years.`);
};

export const retentionSettingsBodySchema = z.strictObject({
  pupilDataYears: years("pupilDataYears", "Pupil-level data"),
  auditLogYears: years("auditLogYears", "The audit log"),
});
export type RetentionSettingsBody = z.infer<typeof retentionSettingsBodySchema>;

/** What one run deleted (or, for a dry run, would delete), per category. */
export const retentionReportSchema = z.object({
  dryRun: z.boolean(),
  /** The day the run treated as today (Europe/London). */
  today: z.iso.date(),
  /** Pupil-level data of programme years that ended before this date was deleted. */
  pupilCutoff: z.iso.date(),
  /** Audit rows written before this instant were pruned. */
  auditCutoff: z.iso.datetime(),
  deleted: z.object({
    observations: z.number().int(),
    cohortPlaces: z.number().int(),
    strategyParticipants: z.number().int(),
    importHistory: z.number().int(),
    pupilsErased: z.number().int(),
    auditRows: z.number().int(),
  }),
  /** Schools and programme years whose data a legal hold kept. */
  kept: z.object({ heldSchools: z.number().int(), heldProgrammeYears: z.number().int() }),
});
export type RetentionReport = z.infer<typeof retentionReportSchema>;

export const retentionRunSchema = z.object({
  ranAt: z.iso.datetime(),
  trigger: z.enum(["schedule", "command", "admin"]),
  report: retentionReportSchema,
});

export const retentionSettingsSchema = z.object({
  pupilDataYears: z.number().int(),
  auditLogYears: z.number().int(),
  limits: z.object({
    pupilDataYears: z.object({ min: z.number().int(), max: z.number().int() }),
    auditLogYears: z.object({ min: z.number().int(), max: z.number().int() }),
  }),
  updatedAt: z.iso.datetime(),
  lastRun: retentionRunSchema.nullable(),
});
export type RetentionSettingsView = z.infer<typeof retentionSettingsSchema>;

export const retentionRunBodySchema = z.strictObject({ dryRun: z.boolean() });

export const legalHoldBodySchema = z.discriminatedUnion("scope", [
  z.strictObject({
    scope: z.literal("school"),
    schoolId: z.uuid(),
    reason: z.string().trim().min(3, "Give the reason for the hold.").max(500),
  }),
  z.strictObject({
    scope: z.literal("programme_year"),
    programmeYearId: z.uuid(),
    reason: z.string().trim().min(3, "Give the reason for the hold.").max(500),
  }),
]);
export type LegalHoldBody = z.infer<typeof legalHoldBodySchema>;

export const legalHoldSchema = z.object({
  id: z.uuid(),
  scope: z.enum(["school", "programme_year"]),
  /** The school's name, or the programme year ("Programme 2026/27"). */
  label: z.string(),
  schoolId: z.uuid().nullable(),
  programmeYearId: z.uuid().nullable(),
  reason: z.string(),
  placedAt: z.iso.datetime(),
  placedBy: z.string().nullable(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;

export const legalHoldListSchema = z.object({ items: z.array(legalHoldSchema) });

export const retentionScheduleSchema = z.object({
  schoolId: z.uuid(),
  pupilDataYears: z.number().int(),
  auditLogYears: z.number().int(),
  schoolHeld: z.boolean(),
  nextDeletionDate: z.iso.date().nullable(),
  years: z.array(
    z.object({
      programmeYearId: z.uuid(),
      academicYear: z.string(),
      endsOn: z.iso.date(),
      deletionDate: z.iso.date(),
      held: z.boolean(),
      status: z.enum(["kept", "due", "held"]),
    }),
  ),
});
export type RetentionSchedule = z.infer<typeof retentionScheduleSchema>;

export const recordsOfProcessingSchema = z.object({
  controller: z.string(),
  categories: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      description: z.string(),
      specialCategory: z.boolean(),
      count: z.number().int(),
      countOf: z.string(),
      purpose: z.string(),
      lawfulBasis: z.string(),
      retention: z.string(),
      whoCanSee: z.array(z.string()),
    }),
  ),
});
export type RecordsOfProcessing = z.infer<typeof recordsOfProcessingSchema>;
