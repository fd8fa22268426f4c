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
