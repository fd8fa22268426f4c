import { z } from "zod";
import { CASCADE_STAGES } from "../domain/cascade-stage.ts";
import { COST_BANDS } from "../domain/data/eef-strands.ts";
import { COMPARISONS } from "./strategies.ts";

export const CASE_STUDY_STATUSES = [
  "draft",
  "submitted",
  "changes_requested",
  "published",
  "withdrawn",
] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

export const CASE_STUDY_STATUS_LABELS: Record<CaseStudyStatus, string> = {
  draft: "Draft",
  submitted: "Submitted for review",
  changes_requested: "Changes requested",
  published: "Published",
  withdrawn: "Withdrawn",
};

export const CASE_STUDY_AUDIENCES = ["cluster", "network"] as const;
export const AUDIENCE_LABELS: Record<(typeof CASE_STUDY_AUDIENCES)[number], string> = {
  cluster: "The cluster",
  network: "The whole network",
};

export const CASE_STUDY_DESIGNS = ["comparison-group", "pre-post"] as const;
export const DESIGN_WORDS: Record<(typeof CASE_STUDY_DESIGNS)[number], string> = {
  "comparison-group": "Comparison group",
  "pre-post": "Before and after only",
};

export const COST_BAND_LABELS = COST_BANDS.map((b) => b.label);

/** The team's own words, each Markdown (rendered without raw HTML). */
export const TEXT_FIELDS = ["learned", "differently", "advice", "quote"] as const;
export const TEXT_FIELD_LABELS: Record<(typeof TEXT_FIELDS)[number] | "title", string> = {
  title: "Title",
  learned: "What we learned",
  differently: "What we would do differently",
  advice: "Advice to another school",
  quote: "A quote (optional)",
};

/** Which evaluation the facts are drafted from; any part left out takes the strategy's default. */
export const evaluationChoiceSchema = z.strictObject({
  measureId: z.uuid().optional(),
  from: z.uuid().optional(),
  to: z.uuid().optional(),
  comparison: z.enum(COMPARISONS).optional(),
});

export const startCaseStudySchema = evaluationChoiceSchema;

const markdown = (max: number) => z.string().max(max, `At most ${max} characters.`);

export const updateCaseStudySchema = z
  .strictObject({
    title: z.string().trim().min(1, "Give the case study a title.").max(200).optional(),
    learned: markdown(10_000).optional(),
    differently: markdown(10_000).optional(),
    advice: markdown(10_000).optional(),
    quote: markdown(1_000).optional(),
    showSchoolName: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const reviewNoteSchema = z.strictObject({
  body: z.string().trim().min(1, "Write the comment.").max(5000),
});
export const withdrawSchema = z.strictObject({ body: z.string().trim().max(5000).optional() });
export const publishSchema = z.strictObject({
  audience: z.enum(CASE_STUDY_AUDIENCES),
  body: z.string().trim().max(5000).optional(),
});

export const caseStudyFactsSchema = z.object({
  version: z.literal(1),
  challenge: z.object({
    theme: z.string().nullable(),
    phase: z.string(),
    yearGroups: z.array(z.string()),
    yearGroupsText: z.string(),
    /** Null when 1 to 5 pupils took part (suppressed). */
    cohortSize: z.number().int().nullable(),
    cohortText: z.string(),
  }),
  done: z.object({
    sessionsPerWeek: z.number().nullable(),
    minutesPerSession: z.number().nullable(),
    doseText: z.string().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    weeks: z.number().nullable(),
    durationText: z.string().nullable(),
    costPerPupil: z.number().nullable(),
    costBand: z.object({ level: z.number().int(), label: z.string() }).nullable(),
    strand: z
      .object({
        key: z.string(),
        name: z.string(),
        months: z.number().nullable(),
        cost: z.number().nullable(),
        evidence: z.number().nullable(),
        headline: z.string(),
      })
      .nullable(),
  }),
  data: z.object({
    measureName: z.string(),
    measureKind: z.string(),
    period: z.string(),
    designKind: z.enum(CASE_STUDY_DESIGNS),
    designText: z.string(),
    comparison: z.string().nullable(),
    nParticipants: z.number().int().nullable(),
    nComparison: z.number().int().nullable(),
    g: z.number().nullable(),
    ciLow: z.number().nullable(),
    ciHigh: z.number().nullable(),
    effectText: z.string(),
    months: z.number().int().nullable(),
    monthsText: z.string().nullable(),
    monthsNote: z.string().nullable(),
    series: z.array(
      z.object({ label: z.string(), before: z.number().nullable(), after: z.number().nullable() }),
    ),
    suppressed: z.boolean(),
    warnings: z.array(z.string()),
  }),
  decision: z.object({ reviewedOn: z.string(), text: z.string() }).nullable(),
  stage: z.enum(CASCADE_STAGES),
  searchText: z.string(),
});
export type CaseStudyFactsOut = z.infer<typeof caseStudyFactsSchema>;

export const caseStudySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(CASE_STUDY_STATUSES),
  audience: z.enum(CASE_STUDY_AUDIENCES).nullable(),
  /** How the school appears: its name where it chose to be named (or to its own team), else its pseudonym. */
  school: z.string(),
  /** The pseudonym the school goes by when not named ("School KP4"). */
  pseudonym: z.string(),
  showSchoolName: z.boolean(),
  /** The strategy it was drafted from: only for the school's own team. */
  strategyId: z.uuid().nullable(),
  facts: caseStudyFactsSchema,
  learned: z.string(),
  differently: z.string(),
  advice: z.string(),
  quote: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** The review's steps: only for the school's team and its reviewers. */
  events: z.array(
    z.object({
      kind: z.enum([
        "created",
        "submitted",
        "comment",
        "changes_requested",
        "published",
        "withdrawn",
      ]),
      body: z.string(),
      author: z.string().nullable(),
      at: z.string(),
    }),
  ),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    comment: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type CaseStudy = z.infer<typeof caseStudySchema>;

export const caseStudyCardSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(CASE_STUDY_STATUSES),
  audience: z.enum(CASE_STUDY_AUDIENCES).nullable(),
  school: z.string(),
  theme: z.string().nullable(),
  strand: z.string().nullable(),
  phase: z.string().nullable(),
  yearGroups: z.array(z.string()),
  costBand: z.string().nullable(),
  designKind: z.enum(CASE_STUDY_DESIGNS).nullable(),
  /** Participants with values at both points; null where suppressed. */
  n: z.number().int().nullable(),
  nComparison: z.number().int().nullable(),
  g: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  months: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type CaseStudyCard = z.infer<typeof caseStudyCardSchema>;

export const CASE_STUDY_SORTS = ["relevance", "date", "effect"] as const;

const optionalNumber = z.coerce.number().min(-5).max(5).optional();

export const libraryQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  theme: z.string().max(80).optional(),
  strand: z.string().max(80).optional(),
  phase: z.string().max(40).optional(),
  yearGroup: z.string().max(10).optional(),
  costBand: z.string().max(40).optional(),
  minG: optionalNumber,
  maxG: optionalNumber,
  design: z.enum(CASE_STUDY_DESIGNS).optional(),
  sort: z.enum(CASE_STUDY_SORTS).optional(),
});
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

export const caseStudyListSchema = z.object({
  items: z.array(caseStudyCardSchema),
  /** The choices the filters offer: what the published case studies hold. */
  filters: z.object({
    themes: z.array(z.object({ key: z.string(), name: z.string() })),
    strands: z.array(z.object({ key: z.string(), name: z.string() })),
  }),
});
export type CaseStudyList = z.infer<typeof caseStudyListSchema>;

export const caseStudyDraftListSchema = z.object({ items: z.array(caseStudyCardSchema) });

export const namesFoundSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), words: z.array(z.string()) })),
});
