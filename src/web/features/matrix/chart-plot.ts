import * as Plot from "@observablehq/plot";
import type { Matrix } from "../../../contracts/cohort.ts";
import type { Dot, Position } from "./describe.ts";
import type { SchoolStyle } from "./school-style.ts";

export interface ChartSize {
  width: number;
  height: number;
  /** Presentation mode: bigger type, dots and arrows for a room. */
  large: boolean;
}

export interface DrawnChart {
  svg: SVGSVGElement;
  /** Where each dot sits, in pixels from the chart's top left, by dot key. */
  positions: Map<string, { left: number; top: number }>;
  radius: number;
}

/** Where a dot is drawn: its newer position, else its only one. */
export const drawnAt = (dot: Dot): Position | null => dot.to ?? dot.from;

/**
 * The axis range: every dot and the expected line, with a margin, and at least a
 * fifth of the width on each side of the expected line so all four quadrants
 * (and their names) show. Target cohorts sit mostly below expected, so centring
 * on it would waste half the chart. The same data always gives the same range.
 */
function domain(axis: Matrix["x"], values: number[]): [number, number] {
  const span = axis.max - axis.min || 1;
  if (values.length === 0) return [axis.min, axis.max];
  const e = axis.expected;
  let lo = Math.min(...values, e ?? Number.POSITIVE_INFINITY);
  let hi = Math.max(...values, e ?? Number.NEGATIVE_INFINITY);
  const pad = Math.max((hi - lo) * 0.08, span * 0.03);
  lo -= pad;
  hi += pad;
  if (e !== null) {
    const width = hi - lo;
    lo = Math.min(lo, e - width * 0.2);
    hi = Math.max(hi, e + width * 0.2);
  }
  // Never far beyond the scale itself: a 1–5 rating stops just past 1 and 5.
  const edge = span * 0.04;
  return [Math.max(lo, axis.min - edge), Math.min(hi, axis.max + edge)];
}

/** The legend rows, drawn in the chart's top margin so exported files carry it too. */
function legendLayout(styles: SchoolStyle[], width: number, font: number) {
  const items: Array<{ style: SchoolStyle; text: string; dx: number; row: number }> = [];
  const gap = font * 2;
  let dx = 0;
  let row = 0;
  for (const style of styles) {
    const text = `${style.code} · ${style.name}${style.own ? " (your school)" : ""}`;
    const w = font * 1.6 + text.length * font * 0.56;
    if (dx > 0 && dx + w > width - 40) {
      dx = 0;
      row += 1;
    }
    items.push({ style, text, dx, row });
    dx += w + gap;
  }
  return { items, rows: row + 1 };
}

/** Draws the matrix with Observable Plot: quadrants, arrows from old to new, dots by school. */
export function drawMatrix(
  matrix: Matrix,
  styles: Map<string, SchoolStyle>,
  size: ChartSize,
): DrawnChart {
  const font = size.large ? 22 : 14;
  const radius = size.large ? 11 : 7;
  const legend = legendLayout([...styles.values()], size.width, font);
  const rowHeight = font * 1.9;
  const marginTop = 16 + legend.rows * rowHeight + font;
  const placed = matrix.dots.filter((d) => drawnAt(d));
  const xs = matrix.dots.flatMap((d) => [d.from?.sx, d.to?.sx]).filter((v) => v !== undefined);
  const ys = matrix.dots.flatMap((d) => [d.from?.sy, d.to?.sy]).filter((v) => v !== undefined);
  const colour = (d: Dot) => styles.get(d.schoolCode)?.colour ?? "#000";
  const symbol = (d: Dot) => styles.get(d.schoolCode)?.symbol ?? "circle";
  const arrows = matrix.dots.filter(
    (d) => d.from && d.to && (d.from.sx !== d.to.sx || d.from.sy !== d.to.sy),
  );
  const quadrantAt = {
    "top-left": "ready-to-learn",
    "top-right": "thriving",
    "bottom-left": "priority",
    "bottom-right": "coasting",
  } as const;
  const withQuadrants = matrix.x.expected !== null && matrix.y.expected !== null;

  const plot = Plot.plot({
    width: size.width,
    height: size.height,
    marginTop,
    marginLeft: size.large ? 90 : 64,
    marginBottom: size.large ? 70 : 52,
    marginRight: 24,
    style: { fontSize: `${font}px`, fontFamily: "system-ui, sans-serif", color: "#1a1a1a" },
    x: {
      domain: domain(matrix.x, xs),
      label: `${matrix.x.label} →`,
      labelAnchor: "center",
      labelOffset: size.large ? 56 : 42,
      ticks: Math.max(4, Math.round(size.width / (font * 7))),
    },
    y: {
      domain: domain(matrix.y, ys),
      label: `${matrix.y.label} →`,
      labelAnchor: "center",
      labelOffset: size.large ? 76 : 52,
      ticks: Math.max(4, Math.round((size.height - marginTop) / (font * 2.8))),
    },
    marks: [
      Plot.frame({ stroke: "#8a8a8a" }),
      withQuadrants
        ? Plot.ruleX([matrix.x.expected], { stroke: "#444", strokeDasharray: "6,4" })
        : null,
      withQuadrants
        ? Plot.ruleY([matrix.y.expected], { stroke: "#444", strokeDasharray: "6,4" })
        : null,
      ...(withQuadrants
        ? (Object.entries(quadrantAt) as Array<[keyof typeof quadrantAt, Dot["quadrantTo"]]>).map(
            ([anchor, key]) =>
              Plot.text([matrix.quadrants.find((q) => q.key === key)?.label ?? ""], {
                frameAnchor: anchor,
                dx: anchor.endsWith("left") ? 10 : -10,
                dy: anchor.startsWith("top") ? 10 : -10,
                fontSize: font * 1.25,
                fontWeight: 700,
                // A quadrant named from a long measure name wraps rather than running into its neighbour.
                lineWidth: 12,
                fill: "#3d3d3d",
                stroke: "white",
                strokeWidth: 4,
              }),
          )
        : []),
      Plot.arrow(arrows, {
        x1: (d: Dot) => d.from?.sx,
        y1: (d: Dot) => d.from?.sy,
        x2: (d: Dot) => d.to?.sx,
        y2: (d: Dot) => d.to?.sy,
        stroke: colour,
        strokeWidth: size.large ? 3 : 1.75,
        strokeOpacity: 0.85,
        headLength: size.large ? 14 : 9,
        insetEnd: radius + 1,
      }),
      Plot.dot(arrows, {
        x: (d: Dot) => d.from?.sx,
        y: (d: Dot) => d.from?.sy,
        r: size.large ? 4 : 2.5,
        fill: colour,
        fillOpacity: 0.8,
      }),
      Plot.dot(placed, {
        x: (d: Dot) => drawnAt(d)?.sx,
        y: (d: Dot) => drawnAt(d)?.sy,
        r: radius,
        symbol,
        fill: (d: Dot) => (d.to ? colour(d) : "white"),
        stroke: (d: Dot) => (d.to ? "#1a1a1a" : colour(d)),
        strokeWidth: (d: Dot) => (d.to ? 1 : 2.5),
      }),
      ...legend.items.flatMap(({ style, text, dx, row }) => [
        Plot.dot([style], {
          frameAnchor: "top-left",
          dx: dx + font * 0.6,
          dy: -(marginTop - 16 - font * 0.6) + row * rowHeight,
          r: radius,
          symbol: style.symbol,
          fill: style.colour,
          stroke: "#1a1a1a",
        }),
        Plot.text([text], {
          frameAnchor: "top-left",
          dx: dx + font * 1.6,
          dy: -(marginTop - 16 - font * 0.6) + row * rowHeight,
          textAnchor: "start",
          fontWeight: style.own ? 700 : 400,
          fill: "#1a1a1a",
        }),
      ]),
    ],
  });
  const svg = plot as unknown as SVGSVGElement;
  const x = plot.scale("x");
  const y = plot.scale("y");
  const positions = new Map<string, { left: number; top: number }>();
  for (const d of placed) {
    const p = drawnAt(d);
    const left = p && x?.apply ? Number(x.apply(p.sx)) : Number.NaN;
    const top = p && y?.apply ? Number(y.apply(p.sy)) : Number.NaN;
    if (Number.isFinite(left) && Number.isFinite(top)) positions.set(d.key, { left, top });
  }
  return { svg, positions, radius };
}
