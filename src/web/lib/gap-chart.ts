import * as Plot from "@observablehq/plot";

/** One point of a gap line: the point's label, the gap there, and whether a group was too small to read. */
export interface GapPoint {
  label: string;
  gap: number;
  small: boolean;
}

/** The y axis of a gap chart: zero drawn, positive meaning disadvantaged pupils are behind. */
export const GAP_Y = {
  label: "Gap (positive: disadvantaged behind)",
  grid: true,
  nice: true,
  zero: true,
} as const;

/** The gap over points as a line, filled marks where both groups were large enough to read, hollow where not. */
export function gapLineMarks(data: GapPoint[]) {
  return [
    Plot.ruleY([0], { stroke: "#333" }),
    Plot.line(data, { x: "label", y: "gap", stroke: "#333", strokeWidth: 2 }),
    Plot.dot(
      data.filter((d) => !d.small),
      { x: "label", y: "gap", r: 5, fill: "#333" },
    ),
    Plot.dot(
      data.filter((d) => d.small),
      { x: "label", y: "gap", r: 5, stroke: "#333", fill: "white", strokeWidth: 2 },
    ),
  ];
}
