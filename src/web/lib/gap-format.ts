import type { Measure } from "../../contracts/pupil-data.ts";
import { hasLevels } from "./scale-text.ts";

/** Means and SDs of a measure: 2 decimals on short level scales, else its own precision (at least 1). */
export const statDecimals = (m: Measure) => (hasLevels(m) ? 2 : Math.max(1, m.decimals));

export const DIRECTION_TEXT = {
  narrowing: "The gap is narrowing",
  widening: "The gap is widening",
  stable: "The gap is about the same",
  unknown: "Not enough points with data to see a direction yet",
} as const;
