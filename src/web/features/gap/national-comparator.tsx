import { Button, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { NationalComparator, NationalFigure } from "../../../contracts/national.ts";
import type { Gap, Measure } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { pointLabel } from "../../lib/assessment-points.ts";
import { formatDate } from "../../lib/format.ts";
import { formatNumber, formatPercent } from "../../lib/format-numbers.ts";
import { type GapFilters, useGap } from "./api/gap.ts";
import { useMapNationalMeasure, useNationalFigures } from "./api/national.ts";

const UNMAPPED = "none";

/**
 * The DfE's national figures beside the school's for the measure the school
 * mapped to a national measure, with year, status and source; the national gap
 * index as context (a national measure: never worked out for a school).
 */
export function NationalComparatorCard({
  schoolId,
  measure,
  filters,
  mayMap,
}: {
  schoolId: string;
  measure: Measure;
  filters: GapFilters;
  /** The server's answer to whether this person may link the measure to a national one. */
  mayMap: boolean;
}) {
  const gap = useGap(schoolId, measure.id, filters);
  const comparator = gap.data?.nationalComparator ?? null;
  return (
    <Card withBorder padding="md" className="print-avoid-break" data-testid="national-comparator">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {measure.name} beside the national figures
        </Title>
        {gap.data && comparator ? (
          <ComparatorTable gap={gap.data} comparator={comparator} />
        ) : gap.data ? (
          <Text size="sm" c="dimmed">
            This measure is not linked to a national measure, so there is no national figure to show
            beside it.{" "}
            {mayMap
              ? "Choose the national measure it compares with below."
              : "The school's leaders can link it."}
          </Text>
        ) : null}
        {mayMap ? (
          <MapControl
            key={measure.id}
            schoolId={schoolId}
            measureId={measure.id}
            current={comparator?.measure.key ?? null}
          />
        ) : null}
      </Stack>
    </Card>
  );
}

function release(f: NationalFigure) {
  return `${f.academicYear}, ${f.status}`;
}

function ComparatorTable({ gap, comparator }: { gap: Gap; comparator: NationalComparator }) {
  const { figure, gapIndex } = comparator;
  const percent = comparator.measure.unit === "percent";
  const show = (v: number | null) => (percent ? formatPercent(v) : formatNumber(v, 1));
  const schoolDis = percent ? gap.disadvantaged.pctAtExpected : gap.disadvantaged.mean;
  const schoolOther = percent ? gap.other.pctAtExpected : gap.other.mean;
  const schoolGap = schoolDis !== null && schoolOther !== null ? schoolOther - schoolDis : null;
  const nationalGap =
    figure === null
      ? null
      : (figure.gap ??
        (figure.disadvantaged !== null && figure.other !== null
          ? figure.other - figure.disadvantaged
          : null));
  const gapText = (v: number | null) =>
    v === null
      ? "—"
      : `${formatNumber(v, percent ? 0 : 1)} ${percent ? "percentage points" : "points"}`;
  const what = percent ? "at the standard" : "mean";
  return (
    <Stack gap="xs">
      <Text size="sm">
        National measure: <strong>{comparator.measure.name}</strong>
        {percent ? " (% of pupils)" : ""}.
        {percent
          ? " The school's column is the share of its pupils at the measure's expected value."
          : " The school's column is its pupils' mean on this measure."}
      </Text>
      {figure ? (
        <Table withTableBorder verticalSpacing="xs" data-testid="comparator-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Pupils</Table.Th>
              <Table.Th scope="col" className="num">
                This school, {pointLabel(gap.assessmentPoint)} ({what})
              </Table.Th>
              <Table.Th scope="col" className="num">
                England, {release(figure)}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">Disadvantaged</Table.Th>
              <Table.Td className="num">{show(schoolDis)}</Table.Td>
              <Table.Td className="num">{show(figure.disadvantaged)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Other pupils</Table.Th>
              <Table.Td className="num">{show(schoolOther)}</Table.Td>
              <Table.Td className="num">{show(figure.other)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Gap (other − disadvantaged)</Table.Th>
              <Table.Td className="num">{gapText(schoolGap)}</Table.Td>
              <Table.Td className="num">{gapText(nationalGap)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">No national figures are recorded for this measure yet.</Text>
      )}
      {figure ? (
        <Text size="xs" c="dimmed" data-testid="comparator-source">
          Source:{" "}
          {figure.sourceUrl ? (
            <a href={figure.sourceUrl} rel="noreferrer">
              {figure.source}
            </a>
          ) : (
            figure.source
          )}{" "}
          ({release(figure)}; read on {formatDate(figure.readOn)}). National figures are for
          England; the school's come from its own assessments, so read them as a guide.
        </Text>
      ) : null}
      {gapIndex?.gap != null ? (
        <Text size="sm" data-testid="gap-index">
          For context: the DfE's national disadvantage gap index for{" "}
          {comparator.measure.keyStage.toUpperCase()} was {formatNumber(gapIndex.gap, 2)} in{" "}
          {release(gapIndex)} (0 means no gap). It is a national, rank-based measure: Cascade does
          not work one out for a school.
        </Text>
      ) : null}
    </Stack>
  );
}

function MapControl({
  schoolId,
  measureId,
  current,
}: {
  schoolId: string;
  measureId: string;
  current: string | null;
}) {
  const national = useNationalFigures();
  const map = useMapNationalMeasure(schoolId, measureId);
  const [choice, setChoice] = useState<string>(current ?? UNMAPPED);
  const options = [
    { value: UNMAPPED, label: "Not linked" },
    ...(national.data?.measures ?? [])
      .filter((m) => m.kind === "attainment")
      .map((m) => ({ value: m.key, label: m.name })),
  ];
  return (
    <form
      className="no-print"
      onSubmit={(event) => {
        event.preventDefault();
        map.mutate(choice === UNMAPPED ? null : choice);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="National measure this compares with"
          data={options}
          value={choice}
          onChange={(v) => v && setChoice(v)}
          allowDeselect={false}
          w={420}
        />
        <Button type="submit" variant="default" loading={map.isPending}>
          Save link
        </Button>
      </Group>
      <ProblemAlert error={map.error ?? national.error} title="The link was not saved" />
    </form>
  );
}
