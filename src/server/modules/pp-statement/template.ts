import { z } from "zod";
import shipped from "../../../domain/data/pp-statement-template.json" with { type: "json" };
import type { PpTemplate } from "../../../domain/pp-statement.ts";

/**
 * The words of the DfE pupil premium strategy statement template: headings,
 * column labels, the introduction and the evidence cell's sentences. They live
 * in src/domain/data/pp-statement-template.json, not in code, because the DfE revises them; the file is
 * checked here when the app starts, so a broken edit stops it starting.
 */
const text = z.string().trim().min(1);
const pair = z.tuple([text, text]);
const table = z.strictObject({ heading: text, columns: pair });
const activityTable = z.strictObject({ heading: text, description: text });

export const ppTemplateSchema = z.strictObject({
  title: text,
  introduction: text,
  withheld: text,
  notEntered: text,
  schoolOverview: z.strictObject({
    heading: text,
    columns: pair,
    rows: z.strictObject({
      schoolName: text,
      pupilsInSchool: text,
      proportionEligible: text,
      yearsCovered: text,
      publishedOn: text,
      reviewOn: text,
      authorisedBy: text,
      ppLead: text,
      governorLead: text,
    }),
  }),
  funding: z.strictObject({
    heading: text,
    columns: pair,
    rows: z.strictObject({ allocation: text, carriedForward: text, total: text }),
  }),
  partA: z.strictObject({
    heading: text,
    intent: z.strictObject({ heading: text }),
    challenges: table,
    outcomes: table,
    activity: z.strictObject({
      heading: text,
      budgetedCost: text.refine((s) => s.includes("{amount}"), "Say where {amount} goes."),
      columns: z.tuple([text, text, text]),
      tables: z.strictObject({
        teaching: activityTable,
        targeted_academic_support: activityTable,
        wider_strategies: activityTable,
      }),
    }),
  }),
  partB: z.strictObject({
    heading: text,
    outcomes: table,
    programmes: table,
    servicePupilPremium: z.strictObject({ heading: text, spent: text, impact: text }),
    furtherInformation: z.strictObject({ heading: text }),
  }),
  evidence: z.strictObject({
    strand: text,
    strandNoMonths: text,
    evaluation: text,
    evaluationWithheld: text,
    notEvaluated: text,
  }),
}) satisfies z.ZodType<PpTemplate>;

/** Reads a template, or throws naming each field that is wrong. */
export function parseTemplate(raw: unknown): PpTemplate {
  const result = ppTemplateSchema.safeParse(raw);
  if (!result.success)
    throw new Error(
      `The pupil premium statement template is not valid: ${result.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  return result.data;
}

/** The template shipped with Cascade, checked once when the module loads (at start-up). */
export const PP_TEMPLATE: PpTemplate = parseTemplate(shipped);
