import { z } from "zod";
import { hourlyRateProblem } from "../domain/cost-effectiveness.ts";
import { CASCADE_STAGES, COMPARISONS, STRATEGY_STATUSES } from "./strategies.ts";

/** A leader sets (or clears, with null) the hourly cost of the school's staff time. */
export const staffHourlyRateInputSchema = z.strictObject({
  poundsPerHour: z
    .number({ error: "Give the hourly cost as a number of pounds." })
    .nullable()
    .superRefine((v, ctx) => {
      const problem = v === null ? null : hourlyRateProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

export const staffHourlyRateSchema = z.object({
  /** £ per hour of staff time, or null when the school has not set one. */
  poundsPerHour: z.number().nullable(),
  canChange: z.boolean(),
});
export type StaffHourlyRate = z.infer<typeof staffHourlyRateSchema>;

export const costComparisonQuerySchema = z.strictObject({
  /** The comparison group each strategy's evaluation uses; other disadvantaged pupils by default. */
  comparison: z.enum(COMPARISONS).optional(),
});

const gapSchema = z.object({ code: z.string(), text: z.string() }).nullable();

export const strategyCostSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  cascadeStage: z.enum(CASCADE_STAGES),
  strandName: z.string().nullable(),
  participants: z.number().int(),
  directCost: z.number().nullable(),
  staffHours: z.number().nullable(),
  staffCost: z.number().nullable(),
  totalCost: z.number().nullable(),
  staffUncosted: z.boolean(),
  /** How the total cost was reached, in words. */
  workings: z.string(),
  costPerPupil: z.number().nullable(),
  costPerPupilGap: gapSchema,
  /** The evaluation the strategy's page shows by default (aggregates only), or null with a reason. */
  evaluation: z
    .object({
      measureName: z.string(),
      measureKind: z.string(),
      designKind: z.enum(["comparison-group", "pre-post"]),
      period: z.string(),
      nParticipants: z.number().int(),
      nComparison: z.number().int().nullable(),
      hedgesG: z.number().nullable(),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      months: z.number().int().nullable(),
      /** The evaluation's headline in words: its months, its g, or why there is no effect size. */
      headline: z.string(),
      warnings: z.array(z.string()),
    })
    .nullable(),
  evaluationGap: z.string().nullable(),
  costPerMonth: z.number().nullable(),
  costPerMonthGap: gapSchema,
});
export type StrategyCostRow = z.infer<typeof strategyCostSchema>;

export const costComparisonSchema = z.object({
  rate: staffHourlyRateSchema,
  comparison: z.enum(COMPARISONS),
  strategies: z.array(strategyCostSchema),
});
export type CostComparison = z.infer<typeof costComparisonSchema>;
