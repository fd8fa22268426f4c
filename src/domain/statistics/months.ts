/**
 * The EEF Teaching and Learning Toolkit's conversion of an effect size to
 * months' progress (reference/eef.md, from the EEF's "About the Toolkits").
 * Shipped as data with its source, because the EEF revises it.
 */
export const MONTHS_CONVERSION = {
  source:
    "Education Endowment Foundation, Teaching and Learning Toolkit: About the Toolkits (conversion table)",
  note: "The conversion corresponds to progress at Key Stage 1 and may understate impacts at secondary.",
  /** Upper bound of each band of effect size (rounded to 2 d.p.), and its months; 12 for anything above. */
  bands: [
    { months: 0, upTo: 0.01, label: "very low or no impact" },
    { months: 1, upTo: 0.09, label: "low" },
    { months: 2, upTo: 0.18, label: "low" },
    { months: 3, upTo: 0.26, label: "moderate" },
    { months: 4, upTo: 0.35, label: "moderate" },
    { months: 5, upTo: 0.44, label: "moderate" },
    { months: 6, upTo: 0.52, label: "high" },
    { months: 7, upTo: 0.61, label: "high" },
    { months: 8, upTo: 0.69, label: "high" },
    { months: 9, upTo: 0.78, label: "very high" },
    { months: 10, upTo: 0.87, label: "very high" },
    { months: 11, upTo: 0.95, label: "very high" },
  ],
  topBand: { months: 12, label: "very high" },
} as const;

/**
 * Months' progress for an effect size: rounded to two decimals first; a
 * negative effect gives the same number of months, negative (less progress
 * than the comparison group, not progress lost).
 */
export function monthsFromEffectSize(g: number): { months: number; label: string } {
  const rounded = Math.round(Math.abs(g) * 100) / 100;
  const band = MONTHS_CONVERSION.bands.find((b) => rounded <= b.upTo) ?? MONTHS_CONVERSION.topBand;
  const months = g < 0 && band.months !== 0 ? -band.months : band.months;
  return { months, label: band.label };
}

/** The two designs an evaluation can have. */
export type Design = "comparison-group" | "pre-post";

/**
 * Whether an effect size may be shown as EEF months' progress: the Toolkit's
 * scale assumes attainment measured against a comparison group, so months
 * apply only to attainment with a comparison group. Every other result shows
 * its change in the measure's own units and g. (Cost per month's progress uses
 * this rule too.)
 */
export function monthsApply(input: { design: Design; measureKind: string }): boolean {
  return input.design === "comparison-group" && input.measureKind === "attainment";
}

/**
 * Months' progress in words. A positive figure carries the Toolkit's impact
 * label; a negative one says plainly that pupils made less progress than the
 * comparison group and carries no impact label at all.
 */
export function describeMonths(g: number): {
  months: number;
  /** The EEF's impact label ("moderate impact"), for a positive or zero effect only. */
  label: string | null;
  text: string;
} {
  const band = monthsFromEffectSize(g);
  const { months } = band;
  const label = band.label.endsWith("impact") ? band.label : `${band.label} impact`;
  const n = Math.abs(months);
  const unit = n === 1 ? "month's" : "months'";
  if (months < 0)
    return {
      months,
      label: null,
      text: `Pupils made about ${n} ${unit} less progress than the comparison group.`,
    };
  if (months === 0)
    return {
      months,
      label,
      text: "Very low or no impact: about the same progress as the comparison group.",
    };
  return {
    months,
    label,
    text: `Pupils made about ${n} ${unit} additional progress compared with the comparison group (${label} on the Toolkit's scale).`,
  };
}
