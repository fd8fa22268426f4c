import type { Measure } from "../../contracts/pupil-data.ts";
import { formatMeasureValue } from "../../domain/measures.ts";

export const SCALE_LABELS: Record<Measure["scale"], string> = {
  ordinal: "Ordered levels",
  numeric: "Number",
  percentage: "Percentage",
  count: "Count",
  rating: "Rating",
};

export const KIND_LABELS: Record<Measure["kind"], string> = {
  attainment: "Attainment",
  attendance: "Attendance",
  behaviour: "Behaviour",
  theme: "Programme theme",
  other: "Other",
};

export const hasLevels = (m: Pick<Measure, "scale">) =>
  m.scale === "ordinal" || m.scale === "rating";

/** A value on the measure's scale as people read it: a level's code, or the number. */
export const formatValue = (m: Measure, value: number | null | undefined) =>
  value === null || value === undefined ? "—" : formatMeasureValue(m, value);

/** The scale in a few characters, for a column header: "PKS · WTS · EXS · GDS", "80–120". */
export function scaleSummary(m: Measure): string {
  if (hasLevels(m) && m.levels.length > 0) return m.levels.map((l) => l.code).join(" · ");
  const range = `${m.min}–${m.max}`;
  if (m.scale === "percentage") return `${range}%`;
  if (m.scale === "count") return `${range}, whole`;
  return range;
}

/** What a cell of the measure accepts, in a sentence. */
export function allowedValues(m: Measure): string {
  if (hasLevels(m)) {
    if (m.levels.length === 0) return "This measure has no levels set up yet.";
    return `One of ${m.levels.map((l) => (l.code === l.label ? l.code : `${l.code} (${l.label})`)).join(", ")}.`;
  }
  if (m.scale === "count") return `A whole number from ${m.min} to ${m.max}.`;
  const places =
    m.decimals > 0
      ? `, kept to ${m.decimals} decimal place${m.decimals === 1 ? "" : "s"}`
      : ", rounded to a whole number";
  if (m.scale === "percentage") return `A percentage from ${m.min} to ${m.max}${places}.`;
  return `A number from ${m.min} to ${m.max}${places}.`;
}
