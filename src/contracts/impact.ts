import { z } from "zod";
import { QUADRANTS } from "../domain/matrix.ts";
import { isoDate } from "./dates.ts";
import { nationalComparatorSchema } from "./national.ts";
import { CASCADE_STAGES, STRATEGY_STATUSES } from "./strategies.ts";

/** Which year (and, if wanted, which dates within it) a report covers. */
export const impactReportQuerySchema = z.strictObject({
  programmeYearId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const count = z.number().int().nullable();

/** The movement across the matrix between its two points: counts only, never a pupil. */
const movementSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  xLabel: z.string(),
  yLabel: z.string(),
  rows: z.array(
    z.object({
      quadrant: z.enum(QUADRANTS),
      label: z.string(),
      movedIn: count,
      movedOut: count,
      stayed: count,
      now: count,
      suppressed: z.boolean(),
    }),
  ),
  /** Pupils without a position at both points (null when suppressed). */
  missing: count,
});

const gapTrendSchema = z.object({
  measureName: z.string(),
  points: z.array(
    z.object({
      label: z.string(),
      disadvantagedMean: z.number().nullable(),
      otherMean: z.number().nullable(),
      gap: z.number().nullable(),
      tooSmall: z.boolean(),
    }),
  ),
  direction: z.enum(["narrowing", "widening", "stable", "unknown"]),
  /** The DfE's national figures where the school mapped the measure. */
  nationalComparator: nationalComparatorSchema.nullable(),
});

const groupChangeSchema = z.object({
  /** Pupils with a value at both points. */
  n: z.number().int(),
  meanFirst: z.number().nullable(),
  meanLatest: z.number().nullable(),
  meanChange: z.number().nullable(),
});

export const schoolImpactReportSchema = z.object({
  school: z.object({ id: z.uuid(), name: z.string() }),
  programmeYear: z.object({ id: z.uuid(), academicYear: z.string() }),
  /** Every programme year the school was enrolled in, newest first: the years a report can cover. */
  programmeYears: z.array(z.object({ id: z.uuid(), academicYear: z.string() })),
  /** The first and latest points with data in the period. */
  period: z.object({ first: z.string().nullable(), latest: z.string().nullable() }),
  generatedOn: isoDate,
  cohort: z.object({
    size: z.number().int(),
    yearGroups: z.array(z.object({ yearGroup: z.string(), pupils: z.number().int() })),
    howChosen: z.string(),
  }),
  movement: movementSchema,
  measures: z.array(
    z.object({
      measureName: z.string(),
      cohort: groupChangeSchema,
      otherDisadvantaged: groupChangeSchema,
      nonDisadvantaged: groupChangeSchema,
    }),
  ),
  gaps: z.array(gapTrendSchema),
  strategies: z.array(
    z.object({
      title: z.string(),
      status: z.enum(STRATEGY_STATUSES),
      cascadeStage: z.enum(CASCADE_STAGES),
      participants: z.number().int(),
      evaluation: z.string(),
      hedgesG: z.number().nullable(),
      decision: z.string().nullable(),
    }),
  ),
  workshops: z.object({
    held: z.array(z.object({ title: z.string(), startsAt: z.string() })),
    present: z.number().int(),
    recorded: z.number().int(),
  }),
  actions: z.object({
    done: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    doneTitles: z.array(z.string()),
  }),
  whatNext: z.object({
    text: z.string(),
    updatedOn: isoDate.nullable(),
    canChange: z.boolean(),
  }),
});
export type SchoolImpactReport = z.infer<typeof schoolImpactReportSchema>;

export const whatNextInputSchema = z.strictObject({
  programmeYearId: z.uuid().optional(),
  text: z.string().trim().max(5000, { error: "Keep what next to 5,000 characters." }),
});

export const clusterImpactReportSchema = z.object({
  cluster: z.object({ id: z.uuid(), name: z.string() }),
  generatedOn: isoDate,
  /** Cohort pupils across the cluster (null when 1 to 5). */
  cohortSize: count,
  movement: movementSchema,
  schools: z.array(
    z.object({
      /** The school's name if it chose to be named in shared evidence, else its evidence label. */
      label: z.string(),
      named: z.boolean(),
      cohortSize: count,
      attendance: z.object({ present: z.number().int(), recorded: z.number().int() }),
      actionsDone: z.number().int(),
      strategies: z.number().int(),
      /** The gap on the school's core measures at its latest point; figures withheld for small groups. */
      gaps: z.array(
        z.object({
          measureName: z.string(),
          gap: z.number().nullable(),
          direction: z.enum(["narrowing", "widening", "stable", "unknown"]),
          suppressed: z.boolean(),
        }),
      ),
    }),
  ),
  stages: z.array(z.object({ cascadeStage: z.enum(CASCADE_STAGES), strategies: z.number().int() })),
  suppressedReason: z.string(),
});
export type ClusterImpactReport = z.infer<typeof clusterImpactReportSchema>;
