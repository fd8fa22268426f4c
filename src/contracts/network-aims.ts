import { z } from "zod";

/** The dashboard's filter: one hub (the whole network when none) and the national measure compared with. */
export const networkAimsQuerySchema = z.strictObject({
  hubId: z.uuid({ error: "Choose one of the network's hubs." }).optional(),
  nationalMeasure: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, { error: "Choose one of the national measures listed." })
    .optional(),
});
export type NetworkAimsQuery = z.infer<typeof networkAimsQuerySchema>;

/** A figure, or null where it is suppressed or not known. */
const figure = z.number().nullable();

export const aimsAttainmentYearSchema = z.object({
  academicYear: z.string(),
  disadvantagedPct: figure,
  otherPct: figure,
  /** Percentage points: other pupils' share at expected less disadvantaged pupils'. */
  gap: figure,
  nationalDisadvantagedPct: figure,
  nationalGap: figure,
  nationalStatus: z.enum(["provisional", "revised", "final"]).nullable(),
  suppressed: z.boolean(),
});

export const aimsImprovingYearSchema = z.object({
  academicYear: z.string(),
  schoolsCompared: z.number().int(),
  schoolsNarrowed: z.number().int(),
  sharePct: figure,
  /** The change in the national gap since the year before (negative: it narrowed). */
  nationalGapChange: figure,
});

export const aimsStrategiesYearSchema = z.object({
  academicYear: z.string(),
  planned: z.number().int(),
  evaluated: z.number().int(),
  cascaded: z.number().int(),
});

export const aimsWorkshopsYearSchema = z.object({
  academicYear: z.string(),
  recorded: z.number().int(),
  present: z.number().int(),
  attendancePct: figure,
});

export const aimsLeadershipYearSchema = z.object({
  academicYear: z.string(),
  /** Places held as the leader on a school's programme team. */
  teamLeaders: z.number().int(),
  /** Schools leading a trio. */
  trioLeads: z.number().int(),
});

export const aimsSchoolSchema = z.object({
  /** The school's pseudonym, e.g. "School KP4": never its name. */
  pseudonym: z.string(),
  academicYear: z.string().nullable(),
  disadvantagedPct: figure,
  gap: figure,
  previousGap: figure,
  trend: z.enum(["narrowing", "widening", "stable", "unknown"]),
  suppressed: z.boolean(),
  strategiesEvaluated: z.number().int(),
  strategiesCascaded: z.number().int(),
  attendancePct: figure,
  teamLeaders: z.number().int(),
});

export const networkAimsSchema = z.object({
  scope: z.object({
    hubId: z.uuid().nullable(),
    /** "The whole network" or the hub's name. */
    label: z.string(),
    schoolCount: z.number().int(),
  }),
  hubs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  nationalMeasures: z.array(z.object({ key: z.string(), name: z.string() })),
  nationalMeasure: z.object({ key: z.string(), name: z.string() }).nullable(),
  attainment: z.array(aimsAttainmentYearSchema),
  improving: z.array(aimsImprovingYearSchema),
  strategies: z.array(aimsStrategiesYearSchema),
  workshops: z.array(aimsWorkshopsYearSchema),
  leadership: z.array(aimsLeadershipYearSchema),
  schools: z.array(aimsSchoolSchema),
  suppressionReason: z.string(),
});
export type NetworkAims = z.infer<typeof networkAimsSchema>;
