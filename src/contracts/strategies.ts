import { z } from "zod";

export const STRATEGY_STATUSES = [
  "planned",
  "trialling",
  "reviewing",
  "scaled_up",
  "adapted",
  "stopped",
] as const;
export const STATUS_LABELS: Record<(typeof STRATEGY_STATUSES)[number], string> = {
  planned: "Planned",
  trialling: "Trialling",
  reviewing: "Reviewing",
  scaled_up: "Scaled up",
  adapted: "Adapted",
  stopped: "Stopped",
};
export const CASCADE_STAGES = ["target_cohort", "year_group", "whole_school"] as const;
export const STAGE_LABELS: Record<(typeof CASCADE_STAGES)[number], string> = {
  target_cohort: "Target cohort",
  year_group: "Year group",
  whole_school: "Whole school",
};
export const COMPARISONS = [
  "disadvantaged",
  "non_participants",
  "non_disadvantaged",
  "none",
] as const;
export const COMPARISON_LABELS: Record<(typeof COMPARISONS)[number], string> = {
  disadvantaged: "Other disadvantaged pupils in the same year groups",
  non_participants: "All other pupils in the same year groups",
  non_disadvantaged: "Non-disadvantaged peers in the same year groups (does the gap close?)",
  none: "No comparison group: before and after only (the weakest design)",
};

export const STRAND_STATUS_LABELS = {
  verified: "Verified on the EEF's page",
  secondary: "Read on a page republishing the EEF's figures",
  check: "Sources disagree",
  retired: "Retired from the Toolkit",
} as const;

export const eefStrandSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  /** Null where the EEF gives no months figure (insufficient evidence, retired): shown as "–". */
  months: z.number().int().nullable(),
  cost: z.number().int().min(1).max(5).nullable(),
  /** Padlocks, 0–5. */
  evidence: z.number().int().min(0).max(5).nullable(),
  status: z.enum(["verified", "secondary", "check", "retired"]),
  statusNote: z.string(),
  source: z.string(),
  sourceUrl: z.string(),
  /** The date the figures were read (or last checked). */
  takenOn: z.string(),
  note: z.string(),
  retired: z.boolean(),
  /** A `check` strand nobody has confirmed against the live Toolkit yet. */
  needsChecking: z.boolean(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** An administrator's figures that differ from the shipped Toolkit reference, in words. */
  differsFromReference: z.string().nullable(),
});
export type EefStrandOut = z.infer<typeof eefStrandSchema>;

export const updateEefStrandSchema = z
  .strictObject({
    months: z.number().int().min(-12).max(12).nullable().optional(),
    cost: z.number().int().min(1).max(5).optional(),
    evidence: z.number().int().min(0).max(5).optional(),
    takenOn: z.iso.date("Use a date like 2026-11-23.").optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const confirmEefStrandSchema = z.strictObject({
  /** The day the live Toolkit page was read; today when left out. */
  checkedOn: z.iso.date("Use a date like 2026-11-23.").optional(),
  note: z.string().trim().max(1000).optional(),
});

const optionalDate = z.iso.date("Use a date like 2026-11-23.").nullable().optional();
const nonNegative = (what: string) =>
  z.number().min(0, `${what} cannot be negative.`).nullable().optional();

export const strategyInputSchema = z.strictObject({
  title: z.string().trim().min(1, "Give the strategy a title.").max(160),
  description: z.string().trim().max(5000).optional(),
  themeId: z.uuid().nullable().optional(),
  eefStrandId: z.uuid().nullable().optional(),
  evidenceReferences: z.string().trim().max(5000).optional(),
  ownerUserId: z.uuid().nullable().optional(),
  startsOn: optionalDate,
  endsOn: optionalDate,
  sessionsPerWeek: nonNegative("Sessions per week").refine(
    (v) => v === undefined || v === null || v <= 50,
    "At most 50 a week.",
  ),
  minutesPerSession: z.number().int().min(0).max(600).nullable().optional(),
  costPounds: nonNegative("The cost"),
  staffHours: nonNegative("Staff hours"),
  successMeasureId: z.uuid().nullable().optional(),
  successChange: z.number().nullable().optional(),
});

export const createStrategySchema = strategyInputSchema;

export const updateStrategySchema = strategyInputSchema.partial().extend({
  version: z.number().int().min(1),
  status: z.enum(STRATEGY_STATUSES).optional(),
  cascadeStage: z.enum(CASCADE_STAGES).optional(),
  /** Required when the cascade stage widens: what justifies it. */
  stageEvidence: z.string().trim().max(5000).optional(),
});

export const strategySummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  cascadeStage: z.enum(CASCADE_STAGES),
  themeName: z.string().nullable(),
  strandName: z.string().nullable(),
  ownerName: z.string().nullable(),
  participants: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  shared: z.boolean(),
});

export const strategySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  title: z.string(),
  description: z.string(),
  theme: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  eefStrand: eefStrandSchema.nullable(),
  evidenceReferences: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  sessionsPerWeek: z.number().nullable(),
  minutesPerSession: z.number().nullable(),
  costPounds: z.number().nullable(),
  staffHours: z.number().nullable(),
  successMeasure: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  successChange: z.number().nullable(),
  status: z.enum(STRATEGY_STATUSES),
  cascadeStage: z.enum(CASCADE_STAGES),
  version: z.number().int(),
  participants: z.array(
    z.object({
      pupilId: z.uuid(),
      name: z.string(),
      yearGroup: z.string(),
      disadvantaged: z.boolean(),
      inCohort: z.boolean(),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      reviewedOn: z.string(),
      done: z.string(),
      dataShows: z.string(),
      decision: z.string(),
      author: z.string().nullable(),
    }),
  ),
  stageChanges: z.array(
    z.object({
      fromStage: z.string(),
      toStage: z.string(),
      evidence: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string(),
    }),
  ),
  shared: z
    .object({
      g: z.number(),
      ciLow: z.number(),
      ciHigh: z.number(),
      named: z.boolean(),
      sharedAt: z.string(),
      measureName: z.string(),
    })
    .nullable(),
  canManage: z.boolean(),
});
export type Strategy = z.infer<typeof strategySchema>;

export const reviewInputSchema = z.strictObject({
  reviewedOn: z.iso.date("Use a date like 2026-11-23."),
  done: z.string().trim().min(1, "Say what was done.").max(5000),
  dataShows: z.string().trim().min(1, "Say what the data shows.").max(5000),
  decision: z.string().trim().min(1, "Record the decision.").max(5000),
});

export const participantsInputSchema = z.strictObject({
  pupilIds: z.array(z.uuid()).max(2000),
});

export const evaluationQuerySchema = z.strictObject({
  measureId: z.uuid(),
  from: z.uuid(),
  to: z.uuid(),
  comparison: z.enum(COMPARISONS).default("disadvantaged"),
});

export const groupResultSchema = z.object({
  label: z.string(),
  n: z.number().int(),
  meanBefore: z.number().nullable(),
  sdBefore: z.number().nullable(),
  meanAfter: z.number().nullable(),
  sdAfter: z.number().nullable(),
  change: z.number().nullable(),
  /** Pupils in the group without a value at one of the points, left out. */
  missing: z.number().int(),
});

export const evaluationSchema = z.object({
  measure: z.object({ id: z.uuid(), name: z.string(), higherIsBetter: z.boolean() }),
  from: z.object({ id: z.uuid(), label: z.string() }),
  to: z.object({ id: z.uuid(), label: z.string() }),
  comparison: z.enum(COMPARISONS),
  design: z.string(),
  groups: z.array(groupResultSchema),
  differenceInChange: z.number().nullable(),
  hedgesG: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  months: z.number().int().nullable(),
  monthsLabel: z.string().nullable(),
  costPerPupil: z.number().nullable(),
  costRating: z.string().nullable(),
  warnings: z.array(z.object({ code: z.string(), text: z.string() })),
  pupils: z.array(
    z.object({
      group: z.enum(["participants", "comparison"]),
      name: z.string(),
      before: z.number(),
      after: z.number(),
    }),
  ),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const shareInputSchema = z.strictObject({
  measureId: z.uuid(),
  from: z.uuid(),
  to: z.uuid(),
  comparison: z.enum(COMPARISONS),
  /** The school chose to be named on the network evidence page. */
  named: z.boolean().default(false),
});

export const evidenceQuerySchema = z.strictObject({
  strand: z.string().max(80).optional(),
  theme: z.string().max(80).optional(),
});

export const evidenceStudySchema = z.object({
  id: z.uuid(),
  school: z.string(),
  named: z.boolean(),
  title: z.string(),
  measureName: z.string(),
  period: z.string(),
  comparison: z.enum(COMPARISONS),
  /** Null when a group is too small to show (5 or fewer pupils). */
  nParticipants: z.number().int().nullable(),
  nComparison: z.number().int().nullable(),
  g: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  included: z.boolean(),
  note: z.string().nullable(),
});

export const evidenceGroupSchema = z.object({
  kind: z.enum(["strand", "theme"]),
  key: z.string(),
  name: z.string(),
  pooledG: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  tau2: z.number().nullable(),
  i2: z.number().nullable(),
  months: z.number().int().nullable(),
  schools: z.number().int(),
  pupils: z.number().int(),
  toolkit: z
    .object({
      months: z.number().int().nullable(),
      cost: z.number().int().nullable(),
      evidence: z.number().int().nullable(),
      takenOn: z.string(),
    })
    .nullable(),
  studies: z.array(evidenceStudySchema),
  note: z.string().nullable(),
});
export type EvidenceGroup = z.infer<typeof evidenceGroupSchema>;

/** What a strategy's form offers: the programme's themes and the school's staff (owners). */
export const strategyOptionsSchema = z.object({
  themes: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string() })),
  staff: z.array(z.object({ userId: z.uuid(), name: z.string(), leader: z.boolean() })),
});
export type StrategyOptions = z.infer<typeof strategyOptionsSchema>;
