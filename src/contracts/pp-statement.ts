import { z } from "zod";
import { parseAcademicYear } from "../domain/academic-year.ts";
import { ACTIVITY_TAGS } from "../domain/pp-statement.ts";
import { isoDate } from "./dates.ts";

/** The highest amount the statement takes, in pounds: far above any school's allocation. */
export const MAX_PP_AMOUNT = 10_000_000;

const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const prose = line(5000);
const money = (what: string) =>
  z
    .number({ error: `Give ${what} as a number of pounds.` })
    .min(0, `${what} cannot be negative.`)
    .max(MAX_PP_AMOUNT, `At most £10,000,000.`)
    .refine(
      (v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6,
      "Pounds and pence, please: at most two decimal places.",
    )
    .nullable();

/** What the school's team types into the year's statement. */
export const ppEnteredSchema = z.strictObject({
  yearsCovered: line(40),
  publishedOn: isoDate.nullable(),
  reviewOn: isoDate.nullable(),
  authorisedBy: line(160),
  ppLead: line(160),
  governorLead: line(160),
  allocation: money("The allocation"),
  carriedForward: money("The amount carried forward"),
  intent: prose,
  challenges: z
    .array(z.strictObject({ detail: line(2000).min(1, "Describe the challenge.") }))
    .max(20, "At most 20 challenges."),
  outcomes: z
    .array(
      z.strictObject({
        outcome: line(2000).min(1, "Describe the intended outcome."),
        criteria: line(2000).min(1, "Say how you will know it was achieved."),
      }),
    )
    .max(20, "At most 20 intended outcomes."),
  activities: z
    .array(
      z.strictObject({
        strategyId: z.uuid(),
        tag: z.enum(ACTIVITY_TAGS, { error: "Choose the table the activity belongs to." }),
        challenges: z
          .array(
            z
              .number()
              .int("A challenge number is a whole number.")
              .min(1, "Challenge numbers start at 1."),
          )
          .max(20),
      }),
    )
    .max(100),
  partB: z.strictObject({
    performance: prose,
    programmes: z
      .array(
        z.strictObject({
          programme: line(200).min(1, "Name the programme."),
          provider: line(200),
        }),
      )
      .max(30),
    servicePupilPremiumSpent: prose,
    servicePupilPremiumImpact: prose,
    furtherInformation: prose,
  }),
});
export type PpEnteredInput = z.infer<typeof ppEnteredSchema>;

export const ppYearQuerySchema = z.strictObject({
  /** The academic year, like 2026/27; the current one when left out. */
  year: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      const parsed = parseAcademicYear(v);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
    }),
});

export const ppPublishedInputSchema = z.strictObject({
  /** Whether the statement is on the school's website (no reminder is then sent). */
  published: z.boolean(),
});

const blockSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("heading"),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    text: z.string(),
  }),
  z.object({ kind: z.literal("paragraph"), text: z.string() }),
  z.object({
    kind: z.literal("table"),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string())),
  }),
]);

export const ppStatementSchema = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  academicYear: z.string(),
  entered: ppEnteredSchema,
  /** When a leader marked the statement as published, or null. */
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  computed: z.object({
    pupilsOnRoll: z.number().int(),
    disadvantaged: z.number().int(),
    /** % eligible to one decimal place; null when withheld (1 to 5 pupils) or there are no pupils. */
    proportionPct: z.number().nullable(),
    proportionWithheld: z.boolean(),
    totalBudget: z.number().nullable(),
  }),
  /** Every strategy of the school, to place in the activity tables. */
  strategies: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      totalCost: z.number().nullable(),
      strandName: z.string().nullable(),
      evidence: z.string(),
    }),
  ),
  /** The activity tables: their heading and budgeted cost (the sum of their strategies' costs). */
  tables: z.array(
    z.object({ tag: z.enum(ACTIVITY_TAGS), heading: z.string(), budget: z.number() }),
  ),
  /** Challenges Cascade suggests from the gap dashboard, for the team to adapt. */
  suggestedChallenges: z.array(z.string()),
  /** The draft, block by block, as the Word and HTML documents show it. */
  blocks: z.array(blockSchema),
  abilities: z.object({ edit: z.boolean(), download: z.boolean() }),
});
export type PpStatement = z.infer<typeof ppStatementSchema>;
