import { Stack, Table } from "@mantine/core";
import * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import type { Measure } from "../../../contracts/pupil-data.ts";
import type { Evaluation } from "../../../contracts/strategies.ts";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { formatNumber, formatSigned } from "../../lib/format-numbers.ts";
import { statDecimals } from "../../lib/gap-format.ts";
import { formatValue, hasLevels } from "../../lib/scale-text.ts";

/** Okabe–Ito: participants vermillion, the comparison group blue; the panels name them too. */
const COLOURS = { participants: "#D55E00", comparison: "#0072B2" } as const;

type Group = keyof typeof COLOURS;

function panels(e: Evaluation) {
  const [t, c] = e.groups;
  return {
    participants: `Participants (n = ${t?.n ?? 0})`,
    comparison: `Comparison (n = ${c?.n ?? 0})`,
  } satisfies Record<Group, string>;
}

function chartOptions(e: Evaluation, measure: Measure) {
  const names = panels(e);
  const facets =
    e.groups.length > 1 ? [names.participants, names.comparison] : [names.participants];
  const rows = e.pupils.flatMap((p, i) => [
    { id: i, group: p.group, panel: names[p.group], point: "Before", value: p.before },
    { id: i, group: p.group, panel: names[p.group], point: "After", value: p.after },
  ]);
  const means = e.groups.flatMap((g, i) => {
    const group: Group = i === 0 ? "participants" : "comparison";
    return g.meanBefore === null || g.meanAfter === null
      ? []
      : [
          { group, panel: names[group], point: "Before", value: g.meanBefore },
          { group, panel: names[group], point: "After", value: g.meanAfter },
        ];
  });
  const levels = hasLevels(measure) && measure.levels.length > 0;
  const d = statDecimals(measure);
  return {
    marginLeft: 56,
    marginRight: 64,
    marginBottom: 36,
    fx: { domain: facets, label: null, padding: 0.15 },
    x: {
      type: "point" as const,
      domain: ["Before", "After"],
      label: null,
      padding: 0.35,
      tickFormat: (v: string) => (v === "Before" ? e.from.label : e.to.label),
    },
    y: {
      label: measure.name,
      grid: true,
      ...(levels
        ? {
            domain: [measure.min, measure.max],
            ticks: measure.levels.map((l) => l.value),
            tickFormat: (v: number) => formatValue(measure, v),
          }
        : { nice: true }),
    },
    color: {
      domain: ["participants", "comparison"],
      range: [COLOURS.participants, COLOURS.comparison],
    },
    marks: [
      Plot.frame({ stroke: "#d0d0d0" }),
      Plot.line(rows, {
        fx: "panel",
        x: "point",
        y: "value",
        z: "id",
        stroke: "group",
        strokeOpacity: 0.4,
        strokeWidth: 1.5,
      }),
      Plot.dot(rows, {
        fx: "panel",
        x: "point",
        y: "value",
        fill: "group",
        r: 3,
        fillOpacity: 0.6,
      }),
      Plot.line(means, { fx: "panel", x: "point", y: "value", stroke: "#111", strokeWidth: 3.5 }),
      Plot.dot(means, {
        fx: "panel",
        x: "point",
        y: "value",
        symbol: "diamond",
        r: 7,
        fill: "#111",
        stroke: "white",
      }),
      Plot.text(
        means.filter((m) => m.point === "After"),
        {
          fx: "panel",
          x: "point",
          y: "value",
          text: (m: { value: number }) => `mean ${formatNumber(m.value, d)}`,
          dx: 10,
          textAnchor: "start",
          fontWeight: 700,
          stroke: "white",
          strokeWidth: 3,
          paintOrder: "stroke",
          fill: "#111",
        },
      ),
    ],
  };
}

function describe(e: Evaluation, measure: Measure) {
  const d = statDecimals(measure);
  const parts = e.groups.map(
    (g) =>
      `${g.label}: ${g.n} pupils, mean ${formatNumber(g.meanBefore, d)} at ${e.from.label} and ${formatNumber(g.meanAfter, d)} at ${e.to.label} (change ${formatSigned(g.change, d)})`,
  );
  return `Each pupil's ${measure.name} before and after, one line per pupil, the groups side by side. ${parts.join(". ")}. The table below lists every pupil.`;
}

/** Each pupil's before → after, the two groups side by side, and the same as a table. */
export function PupilChangeChart({
  evaluation,
  measure,
}: {
  evaluation: Evaluation;
  measure: Measure;
}) {
  const options = useMemo(() => chartOptions(evaluation, measure), [evaluation, measure]);
  const names = panels(evaluation);
  const rank = (g: Group) => (g === "participants" ? 0 : 1);
  const seen = new Map<string, number>();
  const rows = [...evaluation.pupils]
    .sort((a, b) => rank(a.group) - rank(b.group) || a.name.localeCompare(b.name))
    .map((p) => {
      // Pupils carry no id here; two of one name in a group stay two rows.
      const base = `${p.group}:${p.name}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { ...p, key: `${base}:${n}` };
    });
  return (
    <Stack gap="sm">
      {evaluation.pupils.length > 0 ? (
        <PlotFigure
          options={options}
          height={340}
          label={describe(evaluation, measure)}
          caption="Thin lines: one pupil each (darker where several share the same values). Black diamonds and thick line: the group's mean."
        />
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="scroll-region" aria-label="Each pupil's values" tabIndex={0}>
        <Table striped stickyHeader verticalSpacing={4} fz="sm" data-testid="pupil-values">
          <caption className="visually-hidden">The chart's values for each pupil</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Pupil</Table.Th>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col" className="num">
                {evaluation.from.label}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {evaluation.to.label}
              </Table.Th>
              <Table.Th scope="col" className="num">
                Change
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>No pupil has values at both points.</Table.Td>
              </Table.Tr>
            ) : null}
            {rows.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Th scope="row" fw={500}>
                  {p.name}
                </Table.Th>
                <Table.Td>
                  {p.group === "participants" ? "Participant" : names.comparison.split(" (")[0]}
                </Table.Td>
                <Table.Td className="num">{formatValue(measure, p.before)}</Table.Td>
                <Table.Td className="num">{formatValue(measure, p.after)}</Table.Td>
                <Table.Td className="num">
                  {formatSigned(p.after - p.before, statDecimals(measure))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}
