import * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import type { EvidenceGroup } from "../../../contracts/strategies.ts";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { formatNumber } from "../../lib/format-numbers.ts";

const POOLED = "Pooled (random effects)";
const STUDY_COLOUR = "#0072B2";

type Study = EvidenceGroup["studies"][number];
type Shown = Study & { g: number; ciLow: number; ciHigh: number; row: string };

/** The label of a study's row: its school (named or pseudonymised) and the strategy. */
export const studyLabel = (s: Study) => `${s.school} · ${s.title}`;

const interval = (g: number, low: number, high: number) =>
  `${formatNumber(g, 2)} [${formatNumber(low, 2)}, ${formatNumber(high, 2)}]`;

function shownStudies(group: EvidenceGroup): Shown[] {
  const seen = new Map<string, number>();
  return group.studies.flatMap((s) => {
    if (!s.included || s.g === null || s.ciLow === null || s.ciHigh === null) return [];
    // Two results of one school with the same title stay two rows.
    const base = studyLabel(s);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [
      { ...s, g: s.g, ciLow: s.ciLow, ciHigh: s.ciHigh, row: n > 1 ? `${base} (${n})` : base },
    ];
  });
}

function forestOptions(group: EvidenceGroup, studies: Shown[]) {
  const pooled =
    group.pooledG !== null && group.ciLow !== null && group.ciHigh !== null
      ? [{ row: POOLED, g: group.pooledG, ciLow: group.ciLow, ciHigh: group.ciHigh }]
      : [];
  const rows = [...studies.map((s) => s.row), ...pooled.map((p) => p.row)];
  const extent = [
    0,
    ...studies.flatMap((s) => [s.ciLow, s.ciHigh]),
    ...pooled.flatMap((p) => [p.ciLow, p.ciHigh]),
  ];
  return {
    marginLeft: 250,
    marginRight: 130,
    marginTop: 8,
    marginBottom: 40,
    x: {
      domain: [Math.min(...extent), Math.max(...extent)],
      nice: true,
      grid: true,
      label: "Hedges' g (right of zero: participants did better) →",
      labelAnchor: "center" as const,
    },
    y: { domain: rows, label: null, padding: 0.4 },
    marks: [
      Plot.axisY({ textOverflow: "ellipsis", lineWidth: 22, tickSize: 0 }),
      Plot.ruleX([0], { stroke: "#222", strokeWidth: 1.5 }),
      Plot.ruleY(studies, {
        y: "row",
        x1: "ciLow",
        x2: "ciHigh",
        stroke: STUDY_COLOUR,
        strokeWidth: 2,
      }),
      Plot.dot(studies, { y: "row", x: "g", symbol: "square", r: 5, fill: STUDY_COLOUR }),
      Plot.ruleY(pooled, { y: "row", x1: "ciLow", x2: "ciHigh", stroke: "#111", strokeWidth: 3 }),
      Plot.dot(pooled, {
        y: "row",
        x: "g",
        symbol: "diamond",
        r: 9,
        fill: "#111",
        stroke: "white",
        strokeWidth: 1.5,
      }),
      ...[studies, pooled].map((data, i) =>
        Plot.text(data as Array<{ row: string; g: number; ciLow: number; ciHigh: number }>, {
          y: "row",
          text: (d: { g: number; ciLow: number; ciHigh: number }) =>
            interval(d.g, d.ciLow, d.ciHigh),
          frameAnchor: "right",
          textAnchor: "start",
          dx: 12,
          fontVariant: "tabular-nums",
          fontWeight: i === 1 ? 700 : 400,
        }),
      ),
    ],
  };
}

/** A forest plot: each school's g with its 95% interval, the pooled estimate as a diamond, zero marked. */
export function ForestPlot({ group }: { group: EvidenceGroup }) {
  const studies = useMemo(() => shownStudies(group), [group]);
  const options = useMemo(() => forestOptions(group, studies), [group, studies]);
  if (studies.length === 0) return null;
  const pooled =
    group.pooledG !== null && group.ciLow !== null && group.ciHigh !== null
      ? ` Pooled: g ${interval(group.pooledG, group.ciLow, group.ciHigh)}.`
      : "";
  const label = `Forest plot for ${group.name}: ${studies.map((s) => `${s.row}, g ${interval(s.g, s.ciLow, s.ciHigh)}`).join("; ")}.${pooled} The table below has the same figures.`;
  return (
    <PlotFigure
      options={options}
      label={label}
      height={56 + 34 * (studies.length + 1)}
      caption="Squares: each school's result with its 95% confidence interval. Black diamond: the pooled estimate. The vertical line is zero — no difference."
    />
  );
}
