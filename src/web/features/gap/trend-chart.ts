import * as Plot from "@observablehq/plot";
import type { Gap } from "../../../contracts/pupil-data.ts";
import { GROUP_COLOURS } from "../../components/plot-figure.tsx";
import { pointLabel } from "../../lib/assessment-points.ts";
import { GAP_Y, gapLineMarks } from "../../lib/gap-chart.ts";
import { formatValue, hasLevels } from "../../lib/scale-text.ts";

type Trend = Gap["trend"];

/** The trend chart: both groups' means (circles and squares, labelled at the end), or the gap alone. */
export function trendOptions(gap: Gap, trend: Trend, view: "means" | "gap") {
  const labels = trend.map(pointLabel);
  const measure = gap.measure;
  const x = { type: "point" as const, domain: labels, label: null, padding: 0.3 };
  if (view === "gap") {
    const data = trend
      .filter((t) => t.gap !== null)
      .map((t) => ({ label: pointLabel(t), gap: t.gap as number, small: t.tooSmall }));
    return { marginLeft: 52, marginBottom: 40, x, y: GAP_Y, marks: gapLineMarks(data) };
  }
  const series = [
    {
      group: "Disadvantaged",
      key: "disadvantagedMean",
      colour: GROUP_COLOURS.disadvantaged,
      symbol: "circle",
    },
    { group: "Other pupils", key: "otherMean", colour: GROUP_COLOURS.other, symbol: "square" },
  ] as const;
  const data = series.flatMap((s) =>
    trend
      .filter((t) => t[s.key] !== null)
      .map((t) => ({ ...s, label: pointLabel(t), mean: t[s.key] as number, small: t.tooSmall })),
  );
  const levels = hasLevels(measure) && measure.levels.length > 0;
  const values = data.map((d) => d.mean);
  if (measure.expected !== null) values.push(measure.expected);
  return {
    marginLeft: 52,
    marginRight: 96,
    marginBottom: 40,
    x,
    y: {
      label: levels ? null : "Mean",
      grid: true,
      ...(levels
        ? {
            domain: [measure.min, measure.max],
            ticks: measure.levels.map((l) => l.value),
            tickFormat: (v: number) => formatValue(measure, v),
          }
        : { domain: [Math.min(...values), Math.max(...values)], nice: true }),
    },
    color: { domain: series.map((s) => s.group), range: series.map((s) => s.colour) },
    symbol: { domain: series.map((s) => s.group), range: series.map((s) => s.symbol) },
    marks: [
      measure.expected !== null
        ? Plot.ruleY([measure.expected], { stroke: "#666", strokeDasharray: "4 3" })
        : null,
      Plot.line(data, { x: "label", y: "mean", z: "group", stroke: "group", strokeWidth: 2.5 }),
      Plot.dot(
        data.filter((d) => !d.small),
        { x: "label", y: "mean", fill: "group", symbol: "group", r: 5 },
      ),
      Plot.dot(
        data.filter((d) => d.small),
        {
          x: "label",
          y: "mean",
          stroke: "group",
          symbol: "group",
          fill: "white",
          r: 5,
          strokeWidth: 2,
        },
      ),
      Plot.text(
        data,
        Plot.selectLast({
          x: "label",
          y: "mean",
          z: "group",
          text: "group",
          fill: "group",
          dx: 10,
          textAnchor: "start",
          fontWeight: 700,
        }),
      ),
      measure.expected !== null
        ? Plot.text([measure.expected], {
            y: (d: number) => d,
            frameAnchor: "left",
            text: () => "expected",
            dy: -7,
            dx: 4,
            fill: "#444",
          })
        : null,
    ],
  };
}
