import type { Matrix } from "../../../contracts/cohort.ts";
import { changeText, formatNumber } from "../../lib/change-text.ts";

export type Dot = Matrix["dots"][number];
export type Position = NonNullable<Dot["from"]>;

export const pointLabel = (matrix: Matrix, key: string | null) =>
  matrix.points.find((p) => p.key === key)?.label ?? "—";

export const quadrantLabel = (matrix: Matrix, key: Dot["quadrantFrom"]) =>
  matrix.quadrants.find((q) => q.key === key)?.label ?? "—";

export const value = (v: number | undefined) => (v === undefined ? "—" : formatNumber(v));

/** "Priority → Ready to learn", "stayed in Priority", or what is missing. */
export function movement(matrix: Matrix, dot: Dot): string {
  if (!dot.from || !dot.to) return dot.from || dot.to ? "only one point" : "no data";
  if (!dot.quadrantFrom || !dot.quadrantTo) return "—";
  return dot.quadrantFrom === dot.quadrantTo
    ? `stayed in ${quadrantLabel(matrix, dot.quadrantTo)}`
    : `${quadrantLabel(matrix, dot.quadrantFrom)} → ${quadrantLabel(matrix, dot.quadrantTo)}`;
}

export const moved = (dot: Dot) =>
  dot.quadrantFrom !== null && dot.quadrantTo !== null && dot.quadrantFrom !== dot.quadrantTo;

/** The change on one axis in words, or null when a point is missing. */
export function axisChange(dot: Dot, axis: "x" | "y"): string | null {
  if (!dot.from || !dot.to) return null;
  return changeText(dot.to[axis] - dot.from[axis]);
}

/** One sentence for screen readers and the chart's keyboard layer. */
export function dotSentence(matrix: Matrix, dot: Dot, schoolName: string): string {
  const at = (p: Position | null, key: string | null) =>
    p
      ? `${pointLabel(matrix, key)}: ${matrix.x.label} ${value(p.x)}, ${matrix.y.label} ${value(p.y)}`
      : `${pointLabel(matrix, key)}: no data`;
  return `${dot.label}, ${schoolName}. ${at(dot.from, matrix.from)}. ${at(dot.to, matrix.to)}. Quadrant: ${movement(matrix, dot)}.`;
}
