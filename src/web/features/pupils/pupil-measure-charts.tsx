import { Card, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import type { Measure } from "../../../contracts/pupil-data.ts";
import { PlotFigure } from "../../components/plot-figure.tsx";
import type { PupilProfile } from "../../lib/api/pupils.ts";
import { pointLabel } from "../../lib/assessment-points.ts";
import { formatValue, hasLevels } from "../../lib/scale-text.ts";

type MeasureSeries = PupilProfile["measures"][number];

/** Every point the pupil has a value at, in date order: the charts share this axis. */
function pointsOf(series: MeasureSeries[]) {
  const byId = new Map<string, { id: string; label: string; startsOn: string }>();
  for (const s of series)
    for (const p of s.points)
      byId.set(p.assessmentPointId, {
        id: p.assessmentPointId,
        label: pointLabel(p),
        startsOn: p.startsOn,
      });
  return [...byId.values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

/** Each measure over time as a small chart, and all of them as one table. */
export function PupilMeasureCharts({ series }: { series: MeasureSeries[] }) {
  const withData = series.filter((s) => s.points.length > 0);
  const points = pointsOf(series);
  const empty = series.filter((s) => s.points.length === 0);
  if (withData.length === 0) {
    return (
      <Text size="sm">
        No values recorded for this pupil yet. They appear here as the school enters data or imports
        its assessment exports.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {withData.map((s) => (
          <MeasureChart key={s.measure.id} series={s} labels={points.map((p) => p.label)} />
        ))}
      </SimpleGrid>
      {empty.length > 0 ? (
        <Text size="sm" c="dimmed">
          No values yet for {empty.map((s) => s.measure.name).join(", ")}.
        </Text>
      ) : null}
      <Title order={3} size="h5">
        The same values as a table
      </Title>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="data-table-region" aria-label="Values over time" tabIndex={0}>
        <Table striped stickyHeader withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Measure</Table.Th>
              {points.map((p) => (
                <Table.Th key={p.id} scope="col" className="num">
                  {p.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {withData.map((s) => (
              <Table.Tr key={s.measure.id}>
                <Table.Th scope="row" fw={500}>
                  {s.measure.name}
                </Table.Th>
                {points.map((p) => (
                  <Table.Td key={p.id} className="num">
                    {s.points.find((v) => v.assessmentPointId === p.id)?.display ?? "—"}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}

/**
 * The value axis: a level scale shows all its levels by code; a count starts at
 * zero; other numbers show at least a quarter of their range around the values,
 * so a small wobble does not look like a cliff.
 */
function yScale(measure: Measure, values: number[]) {
  if (hasLevels(measure) && measure.levels.length > 0) {
    return {
      domain: [measure.min, measure.max],
      ticks: measure.levels.map((l) => l.value),
      tickFormat: (v: number) => formatValue(measure, v),
    };
  }
  const all = measure.expected === null ? values : [...values, measure.expected];
  const tickFormat = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  if (measure.scale === "count") {
    const top = Math.max(4, Math.ceil(Math.max(...all) * 1.25));
    const step = Math.ceil(top / 4);
    return {
      tickFormat: (v: number) => String(v),
      domain: [0, top],
      ticks: [0, step, 2 * step, 3 * step, 4 * step].filter((t) => t <= top),
    };
  }
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = Math.max(0, (measure.max - measure.min) / 4 - (high - low)) / 2;
  return {
    domain: [Math.max(measure.min, low - pad), Math.min(measure.max, high + pad)],
    nice: true,
    ticks: 4,
    tickFormat,
  };
}

function MeasureChart({ series, labels }: { series: MeasureSeries; labels: string[] }) {
  const { measure } = series;
  const data = useMemo(
    () => series.points.map((p) => ({ label: pointLabel(p), value: p.value, display: p.display })),
    [series.points],
  );
  const options = useMemo(
    () => ({
      marginLeft: 44,
      marginBottom: 36,
      x: { type: "point" as const, domain: labels, label: null, padding: 0.4 },
      y: {
        label: null,
        grid: true,
        ...yScale(
          measure,
          data.map((d) => d.value),
        ),
      },
      marks: [
        measure.expected !== null
          ? Plot.ruleY([measure.expected], { stroke: "#555", strokeDasharray: "4 3" })
          : null,
        Plot.line(data, { x: "label", y: "value", stroke: "#0072B2", strokeWidth: 2 }),
        Plot.dot(data, { x: "label", y: "value", fill: "#0072B2", r: 4 }),
        Plot.text(data, { x: "label", y: "value", text: "display", dy: -10, fontWeight: 600 }),
      ],
    }),
    [measure, data, labels],
  );
  const spoken = data.map((d) => `${d.display} at ${d.label}`).join(", ");
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm">
        {measure.name}
      </Text>
      <PlotFigure
        options={options}
        height={170}
        label={`${measure.name}: ${spoken}`}
        caption={
          measure.expected !== null
            ? `Dashed line: expected (${formatValue(measure, measure.expected)})`
            : undefined
        }
      />
    </Card>
  );
}
