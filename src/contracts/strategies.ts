import { z } from "zod";
import { CASCADE_STAGES } from "../domain/cascade-stage.ts";
import { isoDate } from "./dates.ts";

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
export { CASCADE_STAGES } from "../domain/cascade-stage.ts";
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
    takenOn: isoDate.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const confirmEefStrandSchema = z.strictObject({
  /** The day the live Toolkit page was read; today when left out. */
  checkedOn: isoDate.optional(),
  note: z.string().trim().max(1000).optional(),
});

const optionalDate = isoDate.nullable().optional();
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
  minutesPerSession: z
    .number()
    .int("Whole minutes, please.")
    .min(0, "Minutes per session cannot be negative.")
    .max(600, "At most 600 minutes (10 hours) a session.")
    .nullable()
    .optional(),
  costPounds: nonNegative("The cost").refine(
    (v) => v === undefined || v === null || v <= 1_000_000,
    "At most £1,000,000: give the cost of this strategy, not the school's budget.",
  ),
  staffHours: nonNegative("Staff hours").refine(
    (v) => v === undefined || v === null || v <= 10_000,
    "At most 10,000 hours.",
  ),
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
  /**
   * The evaluation cited for the change of stage, if any: it must have an
   * effect size and a period that does not end before the strategy began.
   */
  stageEvaluation: z
    .strictObject({
      measureId: z.uuid(),
      from: z.uuid(),
      to: z.uuid(),
      comparison: z.enum(COMPARISONS),
    })
    .optional(),
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
      /** Null when not shown to the reader (a para-professional, by default). */
      disadvantaged: z.boolean().nullable(),
      /** Null when the reader does not see the target cohort (a para-professional not on the team). */
      inCohort: z.boolean().nullable(),
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
      /** Null only for a result stored before flat data was refused (no usable estimate). */
      g: z.number().nullable(),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      named: z.boolean(),
      sharedAt: z.string(),
      measureName: z.string(),
    })
    .nullable(),
  /** Whether the reader may edit the plan, move its status and stage, choose participants and share. */
  canManage: z.boolean(),
  /** What the reader may do with this strategy, from the server's policy (the page shows only these). */
  abilities: z.object({
    edit: z.boolean(),
    changeStatus: z.boolean(),
    changeStage: z.boolean(),
    share: z.boolean(),
    addReview: z.boolean(),
    manageParticipants: z.boolean(),
    evaluate: z.boolean(),
  }),
});
export type Strategy = z.infer<typeof strategySchema>;

export const reviewInputSchema = z.strictObject({
  reviewedOn: isoDate,
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
  /** With a comparison group, or before and after only (the weakest design). */
  designKind: z.enum(["comparison-group", "pre-post"]),
  measureKind: z.string(),
  groups: z.array(groupResultSchema),
  differenceInChange: z.number().nullable(),
  hedgesG: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /**
   * EEF months' progress; null whenever months do not apply (no comparison
   * group, not an attainment measure, below the minimum, no usable variance).
   */
  months: z.number().int().nullable(),
  /** The Toolkit's impact label ("moderate impact"); null for a negative effect. */
  monthsLabel: z.string().nullable(),
  /** The months in words, e.g. "Pupils made about 6 months' less progress than the comparison group." */
  monthsText: z.string().nullable(),
  /** Why there are no months although there is an effect size. */
  monthsNote: z.string().nullable(),
  /** Whether the period covers the strategy (see domain/evaluation-period.ts). */
  coverage: z.enum([
    "covers",
    "unknown",
    "ends-before-start",
    "starts-after-start",
    "after-not-since-start",
  ]),
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
  /** Why a result is left out of the pool (small groups, no usable variance), or null. */
  note: z.string().nullable(),
});

export const OUTCOME_FAMILY_LABELS: Record<string, string> = {
  attainment: "Attainment",
  attendance: "Attendance",
  behaviour: "Behaviour",
  theme: "Theme rating",
  other: "Other measures",
};
export const DESIGN_LABELS = {
  "comparison-group": "Against a comparison group",
  "pre-post": "Before and after only (the weakest design)",
} as const;

export const evidenceGroupSchema = z.object({
  kind: z.enum(["strand", "theme"]),
  key: z.string(),
  name: z.string(),
  /** The pool's design and outcome family: only like is pooled with like. Null for a breakdown. */
  design: z.enum(["comparison-group", "pre-post"]).nullable(),
  outcomeFamily: z.string().nullable(),
  /** "Reading comprehension · attainment · against a comparison group". */
  poolLabel: z.string(),
  pooledG: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /** The interval's method: "knha" (Hartung–Knapp–Sidik–Jonkman, t with k − 1 df) below 10 results, else "z". */
  intervalMethod: z.enum(["knha", "z"]).nullable(),
  piLow: z.number().nullable(),
  piHigh: z.number().nullable(),
  tau2: z.number().nullable(),
  i2: z.number().nullable(),
  q: z.number().nullable(),
  qP: z.number().nullable(),
  /** Results pooled (k). */
  k: z.number().int(),
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
