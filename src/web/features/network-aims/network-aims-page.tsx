import {
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import * as Plot from "@observablehq/plot";
import { type ReactNode, useMemo, useState } from "react";
import type { NetworkAims } from "../../../contracts/network-aims.ts";
import { capacityByYear, GAP_TREND_WORDS } from "../../../domain/network-aims.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { GROUP_COLOURS, PlotFigure } from "../../components/plot-figure.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SuppressedMark, SuppressionKey } from "../../components/suppressed-mark.tsx";
import { downloadFile } from "../../lib/download.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { type AimsFilters, aimsExportUrl, useNetworkAims } from "./api/network-aims.ts";

const NATIONAL_COLOUR = "#555555";

/** A figure, the suppression mark, or a dash. */
function Figure({
  value,
  suppressed,
  unit = "",
}: {
  value: number | null;
  suppressed?: boolean;
  unit?: string;
}) {
  if (suppressed) return <SuppressedMark />;
  return <>{value === null ? "—" : `${formatNumber(value, 1)}${unit}`}</>;
}

/** The national figure beside the network's, or why there is none. */
function National({ value, unit }: { value: number | null; unit: string }) {
  if (value === null) return <>no national figure is published for that year yet</>;
  return (
    <>
      nationally {formatNumber(value, 1)}
      {unit}
    </>
  );
}

/** The network's line against the national one, year by year (squares for national). */
function trendChart(
  rows: Array<{ year: string; network: number | null; national: number | null }>,
  label: string,
) {
  const data = rows.flatMap((r) => [
    ...(r.network === null ? [] : [{ year: r.year, value: r.network, series: "Network" }]),
    ...(r.national === null ? [] : [{ year: r.year, value: r.national, series: "National" }]),
  ]);
  return {
    marginLeft: 52,
    marginRight: 72,
    marginBottom: 40,
    x: { type: "point" as const, domain: rows.map((r) => r.year), label: null, padding: 0.3 },
    y: { label, grid: true, nice: true, zero: true },
    color: {
      domain: ["Network", "National"],
      range: [GROUP_COLOURS.disadvantaged, NATIONAL_COLOUR],
    },
    symbol: { domain: ["Network", "National"], range: ["circle", "square"] },
    marks: [
      Plot.line(data, { x: "year", y: "value", z: "series", stroke: "series", strokeWidth: 2.5 }),
      Plot.dot(data, { x: "year", y: "value", fill: "series", symbol: "series", r: 5 }),
      Plot.text(
        data,
        Plot.selectLast({
          x: "year",
          y: "value",
          z: "series",
          text: "series",
          fill: "series",
          dx: 10,
          textAnchor: "start",
          fontWeight: 700,
        }),
      ),
    ],
  };
}

/** One aim: its headline against national, its trend as a chart and as a table. */
function AimCard({
  title,
  headline,
  chart,
  children,
  empty,
}: {
  title: string;
  headline: ReactNode;
  chart?: { options: ReturnType<typeof trendChart>; label: string } | null;
  children: ReactNode;
  empty: string | null;
}) {
  return (
    <Card
      withBorder
      padding="md"
      className="print-avoid-break"
      component="section"
      aria-label={title}
    >
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {empty ? (
          <Text size="sm">{empty}</Text>
        ) : (
          <>
            <Text>{headline}</Text>
            {chart ? <PlotFigure options={chart.options} height={220} label={chart.label} /> : null}
            {children}
          </>
        )}
      </Stack>
    </Card>
  );
}

function YearTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: ReactNode[][];
}) {
  return (
    <Table striped verticalSpacing="xs" captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {headers.map((h, i) => (
            <Table.Th key={h} scope="col" className={i === 0 ? undefined : "num"}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={String(row[0])}>
            <Table.Th scope="row">{row[0]}</Table.Th>
            {row.slice(1).map((cell, i) => (
              <Table.Td key={headers[i + 1]} className="num">
                {cell}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function latestOf<T>(rows: readonly T[]): T | undefined {
  return rows[rows.length - 1];
}

/** The four aims as cards, and the schools by pseudonym. */
function Aims({ aims }: { aims: NetworkAims }) {
  const last = latestOf(aims.attainment);
  const improving = latestOf(aims.improving);
  const workshops = latestOf(aims.workshops);
  const leadership = latestOf(aims.leadership);
  const strategies = latestOf(aims.strategies);
  const charts = useMemo(
    () => ({
      attainment: trendChart(
        aims.attainment.map((y) => ({
          year: y.academicYear,
          network: y.disadvantagedPct,
          national: y.nationalDisadvantagedPct,
        })),
        "Disadvantaged at expected (%)",
      ),
      gap: trendChart(
        aims.attainment.map((y) => ({
          year: y.academicYear,
          network: y.gap,
          national: y.nationalGap,
        })),
        "Gap (percentage points)",
      ),
    }),
    [aims],
  );
  const noResults = aims.nationalMeasure
    ? aims.attainment.length === 0
      ? "No results yet on the measures mapped to this national measure."
      : null
    : "No school has mapped a measure to a national measure yet. School leaders do this on their gap dashboard.";
  const capacity = capacityByYear(aims.workshops, aims.leadership);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <AimCard
          title="Results of disadvantaged pupils against national"
          empty={noResults}
          headline={
            last ? (
              <>
                In {last.academicYear},{" "}
                <strong>
                  <Figure value={last.disadvantagedPct} suppressed={last.suppressed} unit="%" />
                </strong>{" "}
                of disadvantaged pupils reached the expected standard;{" "}
                <National value={last.nationalDisadvantagedPct} unit="%" />.
              </>
            ) : null
          }
          chart={{
            options: charts.attainment,
            label:
              "Disadvantaged pupils at the expected standard by year, the network against national. The table below gives the figures.",
          }}
        >
          <YearTable
            caption={`Disadvantaged pupils at the expected standard (${aims.nationalMeasure?.name ?? ""})`}
            headers={["Year", "Network (%)", "National (%)", "Other pupils (%)"]}
            rows={aims.attainment.map((y) => [
              y.academicYear,
              <Figure key="n" value={y.disadvantagedPct} suppressed={y.suppressed} />,
              <Figure key="d" value={y.nationalDisadvantagedPct} />,
              <Figure key="o" value={y.otherPct} suppressed={y.suppressed} />,
            ])}
          />
        </AimCard>
        <AimCard
          title="The gap against national"
          empty={noResults}
          headline={
            last ? (
              <>
                In {last.academicYear} the gap was{" "}
                <strong>
                  <Figure value={last.gap} suppressed={last.suppressed} /> points
                </strong>
                ; <National value={last.nationalGap} unit=" points" />.
              </>
            ) : null
          }
          chart={{
            options: charts.gap,
            label:
              "The gap in percentage points by year, the network against national. The table below gives the figures.",
          }}
        >
          <YearTable
            caption="The gap: other pupils' share at expected less disadvantaged pupils' (points)"
            headers={["Year", "Network", "National"]}
            rows={aims.attainment.map((y) => [
              y.academicYear,
              <Figure key="n" value={y.gap} suppressed={y.suppressed} />,
              <Figure key="d" value={y.nationalGap} />,
            ])}
          />
        </AimCard>
        <AimCard
          title="Schools whose gap narrowed"
          empty={
            aims.improving.length === 0
              ? "This needs results in two years. It appears once a second year's are in."
              : null
          }
          headline={
            improving ? (
              <>
                In {improving.academicYear}, the gap narrowed at{" "}
                <strong>
                  {improving.schoolsNarrowed} of {improving.schoolsCompared}
                </strong>{" "}
                schools compared; the national gap changed by{" "}
                <Figure value={improving.nationalGapChange} /> points.
              </>
            ) : null
          }
        >
          <YearTable
            caption="Schools whose gap narrowed by 5 points or more since the year before"
            headers={["Year", "Compared", "Narrowed", "Share (%)", "National change (points)"]}
            rows={aims.improving.map((y) => [
              y.academicYear,
              y.schoolsCompared,
              y.schoolsNarrowed,
              <Figure key="s" value={y.sharePct} />,
              <Figure key="c" value={y.nationalGapChange} />,
            ])}
          />
        </AimCard>
        <AimCard
          title="Leadership and improvement capacity"
          empty={capacity.length === 0 ? "No workshop registers or programme teams yet." : null}
          headline={
            <>
              {workshops ? (
                <>
                  Workshop attendance in {workshops.academicYear}:{" "}
                  <strong>
                    <Figure value={workshops.attendancePct} unit="%" />
                  </strong>
                  .{" "}
                </>
              ) : null}
              {leadership ? (
                <>
                  Leader places on programme teams: <strong>{leadership.teamLeaders}</strong>.
                </>
              ) : null}
            </>
          }
        >
          <YearTable
            caption="Workshop attendance and leadership roles held (no national figure exists)"
            headers={[
              "Year",
              "Attendance recorded",
              "Present",
              "Attendance (%)",
              "Team leaders",
              "Trio leads",
            ]}
            rows={capacity.map((y) => [
              y.academicYear,
              y.recorded,
              y.present,
              <Figure key="a" value={y.attendancePct} />,
              y.teamLeaders,
              y.trioLeads,
            ])}
          />
        </AimCard>
        <AimCard
          title="Strategies evaluated and cascaded"
          empty={
            aims.strategies.length === 0 ? "No strategies planned in a programme year yet." : null
          }
          headline={
            strategies ? (
              <>
                In {strategies.academicYear}: <strong>{strategies.evaluated}</strong> of{" "}
                {strategies.planned} strategies evaluated and shared,{" "}
                <strong>{strategies.cascaded}</strong> cascaded wider.
              </>
            ) : null
          }
        >
          <YearTable
            caption="Strategies by programme year (no national figure exists)"
            headers={["Year", "Planned", "Evaluated and shared", "Cascaded wider"]}
            rows={aims.strategies.map((y) => [y.academicYear, y.planned, y.evaluated, y.cascaded])}
          />
        </AimCard>
      </SimpleGrid>
      <SchoolsTable aims={aims} />
      <SuppressionKey />
    </Stack>
  );
}

function SchoolsTable({ aims }: { aims: NetworkAims }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Schools by pseudonym">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Schools, by pseudonym
        </Title>
        {aims.schools.length === 0 ? (
          <Text size="sm">No schools here yet.</Text>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="data-table-region" aria-label="Each school's figures" tabIndex={0}>
            <Table striped stickyHeader verticalSpacing="xs" miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">School</Table.Th>
                  <Table.Th scope="col">Year</Table.Th>
                  <Table.Th scope="col" className="num">
                    Disadvantaged at expected (%)
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Gap (points)
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Gap the year before
                  </Table.Th>
                  <Table.Th scope="col">Trend</Table.Th>
                  <Table.Th scope="col" className="num">
                    Evaluated
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Cascaded
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Attendance (%)
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Team leaders
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {aims.schools.map((s) => (
                  <Table.Tr key={s.pseudonym} data-testid="aims-school">
                    <Table.Th scope="row">{s.pseudonym}</Table.Th>
                    <Table.Td>{s.academicYear ?? "—"}</Table.Td>
                    <Table.Td className="num">
                      <Figure value={s.disadvantagedPct} suppressed={s.suppressed} />
                    </Table.Td>
                    <Table.Td className="num">
                      <Figure value={s.gap} suppressed={s.suppressed} />
                    </Table.Td>
                    <Table.Td className="num">
                      <Figure value={s.previousGap} />
                    </Table.Td>
                    <Table.Td>{GAP_TREND_WORDS[s.trend]}</Table.Td>
                    <Table.Td className="num">{s.strategiesEvaluated}</Table.Td>
                    <Table.Td className="num">{s.strategiesCascaded}</Table.Td>
                    <Table.Td className="num">
                      <Figure value={s.attendancePct} />
                    </Table.Td>
                    <Table.Td className="num">{s.teamLeaders}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        )}
      </Stack>
    </Card>
  );
}

/** The downloads, with a status line while the file is made. */
function Downloads({ filters }: { filters: AimsFilters }) {
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState<"csv" | "pdf" | null>(null);
  const download = async (format: "csv" | "pdf") => {
    setBusy(format);
    setStatus(format === "pdf" ? "Building the PDF…" : "Making the CSV…");
    try {
      await downloadFile(aimsExportUrl(format, filters), `network-aims.${format}`);
      setStatus(format === "pdf" ? "The PDF is downloaded." : "The CSV is downloaded.");
    } catch (error) {
      setStatus(
        error instanceof Error ? `The download failed: ${error.message}` : "The download failed.",
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap={4} align="flex-end" className="no-print">
      <Group gap="xs">
        <Button
          variant="default"
          loading={busy === "csv"}
          disabled={busy !== null}
          onClick={() => void download("csv")}
        >
          Download CSV
        </Button>
        <Button
          variant="default"
          loading={busy === "pdf"}
          disabled={busy !== null}
          onClick={() => void download("pdf")}
        >
          Download PDF
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite" data-testid="download-status">
        {status}
      </Text>
    </Stack>
  );
}

/** The network's four aims: each against national and by year, then each school by pseudonym. */
export function NetworkAimsPage() {
  const [filters, setFilters] = useState<AimsFilters>({ hubId: null, nationalMeasure: null });
  const aims = useNetworkAims(filters);
  const data = aims.data;
  return (
    <>
      <PageHeader
        title="Network aims"
        intro="How the network is doing on its four aims, year by year and against national. Figures are totals over schools; groups of 5 or fewer are not shown, and schools appear by pseudonym."
        actions={<Downloads filters={filters} />}
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" className="no-print">
          <Select
            label="Hub"
            data={[
              { value: "", label: "The whole network" },
              ...(data?.hubs ?? []).map((h) => ({ value: h.id, label: h.name })),
            ]}
            value={filters.hubId ?? ""}
            onChange={(v) => setFilters((f) => ({ ...f, hubId: v ? v : null }))}
            allowDeselect={false}
            w={260}
          />
          <Select
            label="National measure"
            data={(data?.nationalMeasures ?? []).map((m) => ({ value: m.key, label: m.name }))}
            value={filters.nationalMeasure ?? data?.nationalMeasure?.key ?? null}
            onChange={(v) => setFilters((f) => ({ ...f, nationalMeasure: v }))}
            allowDeselect={false}
            disabled={(data?.nationalMeasures ?? []).length === 0}
            w={360}
          />
        </Group>
        <ProblemAlert error={aims.error} title="The network's aims could not be worked out" />
        {aims.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the network's aims" />
        ) : null}
        {data ? (
          <>
            <Text size="sm" c="dimmed">
              {data.scope.label}: {data.scope.schoolCount} schools.
            </Text>
            <Aims aims={data} />
          </>
        ) : null}
      </Stack>
    </>
  );
}
