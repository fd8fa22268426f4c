import { z } from "zod";
import { isAcademicYear, NATIONAL_STATUSES, NATIONAL_UNITS } from "../domain/national-figures.ts";

export const nationalMeasureSchema = z.object({
  key: z.string(),
  name: z.string(),
  keyStage: z.enum(["ks2", "ks4"]),
  /** `gap_index` rows are national context only and cannot be mapped to a school's measure. */
  kind: z.enum(["attainment", "gap_index"]),
  unit: z.enum(NATIONAL_UNITS),
});
export type NationalMeasure = z.infer<typeof nationalMeasureSchema>;

export const nationalFigureSchema = z.object({
  id: z.uuid(),
  measureKey: z.string(),
  academicYear: z.string(),
  disadvantaged: z.number().nullable(),
  other: z.number().nullable(),
  allPupils: z.number().nullable(),
  /** The published gap (other − disadvantaged) where the DfE gives it, or the gap index. */
  gap: z.number().nullable(),
  status: z.enum(NATIONAL_STATUSES),
  source: z.string(),
  sourceUrl: z.string(),
  readOn: z.string(),
});
export type NationalFigure = z.infer<typeof nationalFigureSchema>;

export const nationalFiguresSchema = z.object({
  measures: z.array(nationalMeasureSchema),
  figures: z.array(nationalFigureSchema),
});

const figure = z.number().nullable().optional();

export const newNationalFigureSchema = z
  .strictObject({
    measureKey: z.string().min(1, "Choose a national measure.").max(80),
    academicYear: z
      .string()
      .refine(
        isAcademicYear,
        "Use an academic year like 2025/26 (the second year follows the first).",
      ),
    disadvantaged: figure,
    other: figure,
    allPupils: figure,
    gap: figure,
    status: z.enum(NATIONAL_STATUSES, "Say whether the figures are provisional, revised or final."),
    source: z.string().trim().min(1, "Name the publication the figures come from.").max(300),
    sourceUrl: z
      .url({ protocol: /^https$/, error: "Give the publication's https:// address." })
      .max(500)
      .optional(),
    readOn: z.iso.date("Use a date like 2026-11-23."),
  })
  .refine(
    (v) =>
      [v.disadvantaged, v.other, v.allPupils, v.gap].some((x) => x !== undefined && x !== null),
    { message: "Give at least one figure.", path: ["disadvantaged"] },
  );
export type NewNationalFigure = z.infer<typeof newNationalFigureSchema>;

export const nationalLinkInputSchema = z.strictObject({
  /** Null removes the mapping. */
  nationalMeasureKey: z.string().min(1).max(80).nullable(),
});

export const nationalLinkSchema = z.object({
  measureId: z.uuid(),
  nationalMeasureKey: z.string().nullable(),
});

/** What the gap dashboard shows beside a school's figures for a mapped measure. */
export const nationalComparatorSchema = z.object({
  measure: nationalMeasureSchema,
  /** The latest published row for the measure, if any. */
  figure: nationalFigureSchema.nullable(),
  /** The latest national disadvantage gap index for the key stage: context, never a school's. */
  gapIndex: nationalFigureSchema.nullable(),
});
export type NationalComparator = z.infer<typeof nationalComparatorSchema>;
