import {
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import type { Gap, Measure } from "../../../contracts/pupil-data.ts";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { pointLabel } from "../../lib/assessment-points.ts";
import { formatNumber, formatPercent, formatSigned } from "../../lib/format-numbers.ts";
import { DIRECTION_TEXT, statDecimals } from "../../lib/gap-format.ts";
import { type GapFilters, useGap } from "./api/gap.ts";
import { trendOptions } from "./trend-chart.ts";

type View = "means" | "gap";

/** One measure's gap across the school's points, as a chart and as a table, with the national figure. */
export function GapTrend({
  schoolId,
  measure,
  filters,
}: {
  schoolId: string;
  measure: Measure;
  filters: GapFilters;
}) {
  const gap = useGap(schoolId, measure.id, filters);
  const [view, setView] = useState<View>("means");
  const data = gap.data;
  const trend = useMemo(
    () => (data?.trend ?? []).filter((t) => t.disadvantagedMean !== null || t.otherMean !== null),
    [data],
  );
  const options = useMemo(
    () => (data ? trendOptions(data, trend, view) : null),
    [data, trend, view],
  );
  const decimals = statDecimals(measure);

  return (
    <Card withBorder padding="md" className="print-avoid-break">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3">
            {measure.name}: the gap over time
          </Title>
          <SegmentedControl
            className="no-print"
            aria-label="What the chart shows"
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: "means", label: "Both groups' means" },
              { value: "gap", label: "The gap" },
            ]}
          />
        </Group>
        <ProblemAlert error={gap.error} title="The trend could not be worked out" />
        {gap.isPending ? <Loader role="status" size="sm" aria-label="Loading the trend" /> : null}
        {data && trend.length === 0 ? <Text size="sm">No values for this measure yet.</Text> : null}
        {data && options && trend.length > 0 ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <PlotFigure
              options={options}
              height={300}
              label={chartLabel(data, trend, view, decimals)}
              caption={<Direction gap={data} decimals={decimals} view={view} />}
            />
            <Stack gap="sm">
              <TrendTable trend={trend} decimals={decimals} />
              <National gap={data} />
            </Stack>
          </SimpleGrid>
        ) : null}
      </Stack>
    </Card>
  );
}

type Trend = Gap["trend"];

function chartLabel(gap: Gap, trend: Trend, view: View, decimals: number) {
  const points = trend.map((t) =>
    view === "means"
      ? `${pointLabel(t)}: disadvantaged ${formatNumber(t.disadvantagedMean, decimals)}, other ${formatNumber(t.otherMean, decimals)}`
      : `${pointLabel(t)}: gap ${formatSigned(t.gap, decimals)}`,
  );
  const what = view === "means" ? "Means of disadvantaged and other pupils" : "The gap";
  return `${what} in ${gap.measure.name} by assessment point. ${points.join("; ")}. ${DIRECTION_TEXT[gap.direction]}.`;
}

function Direction({ gap, decimals, view }: { gap: Gap; decimals: number; view: View }) {
  const first = gap.trend.find((t) => t.gap !== null);
  const last = gap.trend.findLast((t) => t.gap !== null);
  const span =
    first && last && first !== last
      ? ` (from ${formatSigned(first.gap, decimals)} at ${pointLabel(first)} to ${formatSigned(last.gap, decimals)} at ${pointLabel(last)})`
      : "";
  return (
    <>
      {DIRECTION_TEXT[gap.direction]}
      {span}.{" "}
      {view === "means"
        ? "Circles: disadvantaged pupils; squares: other pupils; dashed line: expected; hollow marks: a group too small to read."
        : "Above zero, disadvantaged pupils are behind; hollow marks: a group too small to read."}
    </>
  );
}

function TrendTable({ trend, decimals }: { trend: Trend; decimals: number }) {
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm">
      <caption className="visually-hidden">The same trend as a table</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Point</Table.Th>
          <Table.Th scope="col" className="num">
            Disadvantaged mean
          </Table.Th>
          <Table.Th scope="col" className="num">
            Other mean
          </Table.Th>
          <Table.Th scope="col" className="num">
            Gap
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trend.map((t) => (
          <Table.Tr key={t.assessmentPointId}>
            <Table.Th scope="row" fw={500}>
              {pointLabel(t)}
              {t.tooSmall ? (
                <Text size="xs" className="too-small">
                  <span aria-hidden="true">⚠ </span>Too small to read
                </Text>
              ) : null}
            </Table.Th>
            <Table.Td className="num">{formatNumber(t.disadvantagedMean, decimals)}</Table.Td>
            <Table.Td className="num">{formatNumber(t.otherMean, decimals)}</Table.Td>
            <Table.Td className="num">{formatSigned(t.gap, decimals)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function National({ gap }: { gap: Gap }) {
  const { national, disadvantaged, other, assessmentPoint } = gap;
  if (national.disadvantagedPct === null && national.otherPct === null) {
    return (
      <Text size="sm" c="dimmed">
        No national figure is entered for this measure. The school's leaders can add one under
        Measures.
      </Text>
    );
  }
  return (
    <Text size="sm">
      <strong>Nationally</strong>, {formatPercent(national.disadvantagedPct)} of disadvantaged
      pupils and {formatPercent(national.otherPct)} of others are at the expected standard. Here at{" "}
      {pointLabel(assessmentPoint)}: {formatPercent(disadvantaged.pctAtExpected)} and{" "}
      {formatPercent(other.pctAtExpected)}.
    </Text>
  );
}
