import { z } from "zod";
import { DISADVANTAGE_RULE_LABELS, DISADVANTAGE_RULES } from "../domain/disadvantage.ts";
import { YEAR_GROUPS } from "../domain/pupil-fields.ts";
import { PARA_PUPIL_ACCESS, PARA_PUPIL_ACCESS_LABELS } from "../domain/pupil-visibility.ts";
import { isoDate } from "./dates.ts";
import { nationalComparatorSchema } from "./national.ts";

export { YEAR_GROUPS };
export const yearGroupSchema = z.enum(YEAR_GROUPS, { error: "Year groups are R and 1 to 13." });
export const SEN_STATUSES = ["N", "K", "E"] as const;
export const SEN_LABELS = { N: "No SEN", K: "SEN support", E: "EHC plan" } as const;
export {
  DISADVANTAGE_RULE_LABELS,
  DISADVANTAGE_RULES,
  PARA_PUPIL_ACCESS,
  PARA_PUPIL_ACCESS_LABELS,
};

export const pupilSchema = z.object({
  id: z.uuid(),
  upn: z.string(),
  upnTemporary: z.boolean(),
  legalFirstName: z.string(),
  preferredFirstName: z.string().nullable(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  gender: z.enum(["F", "M", "X"]).nullable(),
  yearGroup: yearGroupSchema,
  /** Pupil premium, FSM, ever-6 FSM and disadvantaged: null when not shown to the reader (see domain/pupil-visibility.ts). */
  pupilPremium: z.boolean().nullable(),
  fsm: z.boolean().nullable(),
  ever6Fsm: z.boolean().nullable(),
  lookedAfter: z.boolean(),
  previouslyLookedAfter: z.boolean(),
  senStatus: z.enum(SEN_STATUSES),
  eal: z.boolean(),
  serviceChild: z.boolean(),
  otherIntervention: z.boolean(),
  disadvantaged: z.boolean().nullable(),
  leftOn: z.string().nullable(),
  version: z.number().int(),
});
export type Pupil = z.infer<typeof pupilSchema>;

/** Filters of the pupil list. No search term here: names and UPNs never travel in a URL. */
export const listPupilsQuerySchema = z.strictObject({
  yearGroup: yearGroupSchema.optional(),
  disadvantaged: z.enum(["true", "false"]).optional(),
  includeLeft: z.enum(["true", "false"]).optional(),
  sort: z.enum(["name", "yearGroup", "upn"]).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The same filters with a search term (part of a name, or a whole UPN), sent in a request body. */
export const searchPupilsSchema = listPupilsQuerySchema.extend({
  search: z.string().trim().max(100).optional(),
});
export type PupilListFilters = z.infer<typeof searchPupilsSchema>;

export const updatePupilSchema = z.strictObject({
  /** The version last read: a stale edit is refused rather than overwriting someone else's. */
  version: z.number().int().min(1),
  preferredFirstName: z.string().trim().max(100).nullable().optional(),
  yearGroup: yearGroupSchema.optional(),
  pupilPremium: z.boolean().optional(),
  fsm: z.boolean().optional(),
  ever6Fsm: z.boolean().optional(),
  lookedAfter: z.boolean().optional(),
  previouslyLookedAfter: z.boolean().optional(),
  senStatus: z.enum(SEN_STATUSES).optional(),
  eal: z.boolean().optional(),
  serviceChild: z.boolean().optional(),
  otherIntervention: z.boolean().optional(),
  leftOn: isoDate.nullable().optional(),
});

export const scaleLevelSchema = z.object({
  value: z.number(),
  code: z.string(),
  label: z.string(),
  descriptor: z.string().optional(),
});

export const MEASURE_KINDS = ["attainment", "attendance", "behaviour", "theme", "other"] as const;
export const SCALE_KINDS = ["ordinal", "numeric", "percentage", "count", "rating"] as const;

export const measureSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  kind: z.enum(MEASURE_KINDS),
  scale: z.enum(SCALE_KINDS),
  min: z.number(),
  max: z.number(),
  expected: z.number().nullable(),
  higherIsBetter: z.boolean(),
  levels: z.array(scaleLevelSchema),
  subject: z.string().nullable(),
  core: z.boolean(),
  decimals: z.number().int(),
  builtIn: z.boolean(),
  nationalDisadvantagedPct: z.number().nullable(),
  nationalOtherPct: z.number().nullable(),
  archived: z.boolean(),
  version: z.number().int(),
});
export type Measure = z.infer<typeof measureSchema>;

const pct = z
  .number()
  .min(0, "A percentage is from 0 to 100.")
  .max(100, "A percentage is from 0 to 100.");

export const createMeasureSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Enter a name.").max(120),
    kind: z.enum(MEASURE_KINDS),
    scale: z.enum(SCALE_KINDS),
    min: z.number(),
    max: z.number(),
    expected: z.number().nullable().default(null),
    higherIsBetter: z.boolean().default(true),
    levels: z
      .array(
        z.strictObject({
          value: z.number(),
          code: z.string().trim().min(1).max(12),
          label: z.string().trim().min(1).max(80),
          descriptor: z.string().trim().max(300).optional(),
        }),
      )
      .max(30)
      .default([]),
    decimals: z.number().int().min(0).max(3).default(0),
    subject: z.string().trim().max(40).nullable().default(null),
    core: z.boolean().default(false),
  })
  .refine((m) => m.min < m.max, {
    message: "The lowest value must be below the highest.",
    path: ["max"],
  })
  .refine((m) => m.expected === null || (m.expected >= m.min && m.expected <= m.max), {
    message: "The expected value must lie between the lowest and highest.",
    path: ["expected"],
  })
  .refine((m) => (m.scale === "ordinal" || m.scale === "rating" ? m.levels.length >= 2 : true), {
    message: "An ordinal scale or rating needs at least two levels.",
    path: ["levels"],
  });

/** The school's measures, with what the signed-in person may do with them. */
export const measureListSchema = z.object({
  items: z.array(measureSchema),
  abilities: z.object({ addMeasure: z.boolean(), editMeasure: z.boolean() }),
});
export type MeasureList = z.infer<typeof measureListSchema>;

export const updateMeasureSchema = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  expected: z.number().nullable().optional(),
  nationalDisadvantagedPct: pct.nullable().optional(),
  nationalOtherPct: pct.nullable().optional(),
  archived: z.boolean().optional(),
});

export const assessmentPointSchema = z.object({
  id: z.uuid(),
  academicYear: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  observationCount: z.number().int(),
  /** Pupils with at least one value at the point. */
  pupilsWithData: z.number().int(),
  /** Whether the point's start date has come (Europe/London). */
  begun: z.boolean(),
  /** Set when a school leader opened the point for data before it began. */
  openedEarly: z.object({ at: z.string(), byName: z.string() }).nullable(),
});
export type AssessmentPoint = z.infer<typeof assessmentPointSchema>;

/** The school's assessment points, with what the signed-in person may do with them. */
export const assessmentPointListSchema = z.object({
  items: z.array(assessmentPointSchema),
  abilities: z.object({ addPoints: z.boolean(), openPointEarly: z.boolean() }),
});
export type AssessmentPointList = z.infer<typeof assessmentPointListSchema>;

export const createAssessmentPointsSchema = z.union([
  z.strictObject({
    academicYear: z.string().trim().max(20),
    /** The six half-terms of the year, with their usual dates. */
    defaults: z.literal(true),
  }),
  z
    .strictObject({
      academicYear: z.string().trim().max(20),
      name: z.string().trim().min(1, "Enter a name.").max(60),
      startsOn: isoDate,
      endsOn: isoDate,
    })
    .refine((p) => p.startsOn <= p.endsOn, {
      message: "A point ends on or after it starts.",
      path: ["endsOn"],
    }),
]);

export const observationInputSchema = z.strictObject({
  pupilId: z.uuid(),
  measureId: z.uuid(),
  assessmentPointId: z.uuid(),
  /** A number or a scale's code ("EXS", "6", "U"); null clears the value. */
  value: z.union([z.number(), z.string().max(40), z.null()]),
});

export const putObservationsSchema = z.strictObject({
  observations: z.array(observationInputSchema).min(1, "Send at least one value.").max(5000),
});

export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});

export const IMPORT_KINDS = ["pupils", "observations"] as const;

export const importSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Pupils on roll the file left out, marked as left because the leader asked. */
  markedLeft: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
  canUndo: z.boolean(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const LEAVERS_SHOWN = 500;

/**
 * The pupils on roll, in the year groups a pupil list holds, that it leaves out.
 * Importing marks them as left only when the request sends `leavers` = this
 * `token` (so exactly these pupils) and a `leftOn` date.
 */
export const importLeaversSchema = z.object({
  count: z.number().int(),
  /** The year groups the file holds: only pupils of these are offered. */
  yearGroups: z.array(z.string()),
  /** The first LEAVERS_SHOWN, by year group and name. */
  pupils: z.array(
    z.object({
      upn: z.string(),
      name: z.string(),
      yearGroup: z.string(),
      inCohort: z.boolean(),
    }),
  ),
  token: z.string(),
  /** London's today: the default leaving date and the latest allowed. */
  today: isoDate,
  /** The earliest leaving date allowed, and why; null when nothing limits it. */
  notBefore: z.object({ on: isoDate, because: z.string() }).nullable(),
});
export type ImportLeavers = z.infer<typeof importLeaversSchema>;

export const importPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  headers: z.array(z.string()),
  /** Header → field ("upn", "yearGroup", "measure:<id>", "assessmentPoint") or null to ignore. */
  mapping: z.record(z.string(), z.string().nullable()),
  fields: z.array(z.object({ value: z.string(), label: z.string(), required: z.boolean() })),
  totalRows: z.number().int(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      values: z.record(z.string(), z.string()),
      problems: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
  errors: z.array(importErrorSchema),
  errorCount: z.number().int(),
  assessmentPoint: z
    .object({ id: z.uuid(), name: z.string(), academicYear: z.string() })
    .nullable(),
  /** For a pupil list: the pupils on roll it leaves out, which the import can mark as left. */
  leavers: importLeaversSchema.nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const groupSummarySchema = z.object({
  /** Null when suppressed: a group of 5 or fewer is not shown outside its school. */
  n: z.number().int().nullable(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  pctAtExpected: z.number().nullable(),
});

export const gapSchema = z.object({
  measure: measureSchema,
  assessmentPoint: assessmentPointSchema.omit({ observationCount: true }),
  /** "default" when the page did not name a point and the default-point rule chose it. */
  pointChosenBy: z.enum(["default", "request"]),
  yearGroup: yearGroupSchema.nullable(),
  disadvantaged: groupSummarySchema,
  other: groupSummarySchema,
  gap: z.number().nullable(),
  gapInSd: z.number().nullable(),
  tooSmall: z.boolean(),
  /** Outside the school, groups of 5 or fewer are not shown at all. */
  suppressed: z.boolean(),
  national: z.object({ disadvantagedPct: z.number().nullable(), otherPct: z.number().nullable() }),
  /** The DfE's national figures for the national measure the school mapped this measure to. */
  nationalComparator: nationalComparatorSchema.nullable(),
  trend: z.array(
    z.object({
      assessmentPointId: z.uuid(),
      name: z.string(),
      academicYear: z.string(),
      startsOn: z.string(),
      disadvantagedMean: z.number().nullable(),
      otherMean: z.number().nullable(),
      gap: z.number().nullable(),
      tooSmall: z.boolean(),
    }),
  ),
  direction: z.enum(["narrowing", "widening", "stable", "unknown"]),
});
export type Gap = z.infer<typeof gapSchema>;

export const gapOverviewSchema = z.object({
  assessmentPoint: assessmentPointSchema.omit({ observationCount: true }).nullable(),
  pointChosenBy: z.enum(["default", "request"]),
  yearGroup: yearGroupSchema.nullable(),
  suppressed: z.boolean(),
  rows: z.array(
    z.object({
      measure: measureSchema,
      disadvantaged: groupSummarySchema,
      other: groupSummarySchema,
      gap: z.number().nullable(),
      gapInSd: z.number().nullable(),
      tooSmall: z.boolean(),
    }),
  ),
});
export type GapOverview = z.infer<typeof gapOverviewSchema>;

/** A school's rule for who counts as disadvantaged, and how many pupils each rule picks. */
export const disadvantageSettingsSchema = z.object({
  rule: z.enum(DISADVANTAGE_RULES),
  canChange: z.boolean(),
  options: z.array(
    z.object({
      rule: z.enum(DISADVANTAGE_RULES),
      label: z.string(),
      /** Pupils on roll (not left) the rule counts as disadvantaged, of `onRoll`. */
      pupils: z.number().int(),
    }),
  ),
  onRoll: z.number().int(),
});
export type DisadvantageSettings = z.infer<typeof disadvantageSettingsSchema>;

export const updateDisadvantageSettingsSchema = z.strictObject({
  rule: z.enum(DISADVANTAGE_RULES, {
    error: `Choose one of: ${DISADVANTAGE_RULES.join(", ")}.`,
  }),
});

/** How much of the school's pupil data its para-professionals see (src/domain/pupil-visibility.ts). */
export const paraAccessSchema = z.object({
  setting: z.enum(PARA_PUPIL_ACCESS),
  canChange: z.boolean(),
  options: z.array(z.object({ setting: z.enum(PARA_PUPIL_ACCESS), label: z.string() })),
  /** What the reader sees: every pupil or only those they work with; the poverty flags or not. */
  reader: z.object({ allPupils: z.boolean(), povertyFlags: z.boolean() }),
});
export type ParaAccess = z.infer<typeof paraAccessSchema>;

export const updateParaAccessSchema = z.strictObject({
  setting: z.enum(PARA_PUPIL_ACCESS, {
    error: `Choose one of: ${PARA_PUPIL_ACCESS.join(", ")}.`,
  }),
});
