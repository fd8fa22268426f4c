import { Alert, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  type COMPARISON_LABELS,
  DESIGN_LABELS,
  type EvidenceGroup,
  OUTCOME_FAMILY_LABELS,
} from "../../../contracts/strategies.ts";
import { SuppressedMark } from "../../components/suppressed-mark.tsx";
import { costText, evidenceText, monthsText } from "../../lib/eef-strands.ts";
import { formatDate } from "../../lib/format.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { ForestPlot, studyLabel } from "./forest-plot.tsx";

const SHORT_COMPARISON: Record<keyof typeof COMPARISON_LABELS, string> = {
  disadvantaged: "Other disadvantaged pupils",
  non_participants: "All other pupils",
  non_disadvantaged: "Non-disadvantaged peers",
  none: "None (before and after only)",
};

function Figure({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string | undefined;
  testId?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fz={22} fw={700} lh={1.25}>
        {value}
      </Text>
      {detail ? <Text size="sm">{detail}</Text> : null}
    </Paper>
  );
}

/** A pool's identity: its strand or theme, its design and its outcome family. */
export const poolKey = (g: EvidenceGroup) =>
  `${g.kind}-${g.key}-${g.design ?? "all"}-${g.outcomeFamily ?? "all"}`;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function familyText(family: string | null): string {
  if (!family) return "mixed outcomes";
  if (family.startsWith("theme:")) return `theme rating (${family.slice(6)})`;
  return (OUTCOME_FAMILY_LABELS[family] ?? family).toLowerCase();
}

/** p-values as a reader expects them: "p = 0.03", "p < 0.001". */
const pText = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${formatNumber(p, 3)}`);

/** One pool's result: figures, the Toolkit beside ours, forest plot and table. */
export function EvidenceGroupCard({
  group,
  level = 3,
}: {
  group: EvidenceGroup;
  /** The heading level: 2 when the card stands alone on the page. */
  level?: 2 | 3;
}) {
  const id = slug(`group-${poolKey(group)}`);
  const pooled = group.pooledG !== null && group.ciLow !== null && group.ciHigh !== null;
  const knha = group.intervalMethod === "knha";
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={id}
      className="print-avoid-break"
      data-testid="evidence-group"
    >
      <Stack gap="md">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Title order={level} size="h3" id={id}>
            {group.name}
          </Title>
          <Text size="sm" c="dimmed">
            {group.kind === "strand" ? "EEF Toolkit strand" : "Programme theme"} ·{" "}
            {group.studies.length === 1
              ? "1 shared result"
              : `${group.studies.length} shared results`}
          </Text>
        </Group>
        {group.design ? (
          <Text size="sm" data-testid="pool-identity">
            <strong>Pool:</strong> {DESIGN_LABELS[group.design]} · outcome:{" "}
            {familyText(group.outcomeFamily)}. Only results with this design and outcome are pooled
            here.
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Figure
            label="Pooled effect (g)"
            value={pooled ? formatNumber(group.pooledG, 2) : "—"}
            detail={
              pooled
                ? `95% CI ${formatNumber(group.ciLow, 2)} to ${formatNumber(group.ciHigh, 2)}${knha ? " (Hartung–Knapp–Sidik–Jonkman)" : ""}`
                : "No result could be pooled"
            }
            testId="pooled-figure"
          />
          <Figure
            label="Our pooled months"
            value={group.months === null ? "—" : monthsText(group.months)}
            detail={
              group.months === null && pooled
                ? "Months apply only to attainment against a comparison group"
                : group.toolkit
                  ? `Toolkit headline: ${group.toolkit.months === null ? "none (insufficient evidence)" : monthsText(group.toolkit.months)}`
                  : "On the EEF's conversion scale"
            }
          />
          <Figure
            label="Heterogeneity"
            value={group.i2 === null ? "—" : `I² ${formatNumber(group.i2, 0)}%`}
            detail={
              group.tau2 === null
                ? undefined
                : `τ² ${formatNumber(group.tau2, 3)}${group.q !== null && group.qP !== null ? ` · Q ${formatNumber(group.q, 2)} (${pText(group.qP)})` : ""}`
            }
            testId="heterogeneity-figure"
          />
          <Figure
            label="Pooled from"
            value={`${group.schools} ${group.schools === 1 ? "school" : "schools"}`}
            detail={`${group.pupils} pupils in participant and comparison groups`}
          />
        </SimpleGrid>
        {group.toolkit ? (
          <Text size="sm" data-testid="toolkit-beside">
            <strong>Beside the Toolkit:</strong> our schools' pooled figure is{" "}
            {group.months === null ? "not given in months" : monthsText(group.months)}; the EEF
            Toolkit's headline for {group.name} is{" "}
            {group.toolkit.months === null
              ? "no months figure (insufficient evidence)"
              : monthsText(group.toolkit.months)}{" "}
            (cost {costText(group.toolkit.cost)}, evidence {evidenceText(group.toolkit.evidence)}
            {"; "}figures read on {formatDate(group.toolkit.takenOn)}). The Toolkit pools many
            trials with standardised tests; ours are a few schools' own measures, so read ours as a
            local check, not a replacement.
          </Text>
        ) : null}
        {pooled && group.piLow !== null && group.piHigh !== null ? (
          <Text size="sm" data-testid="prediction-interval">
            <strong>95% prediction interval:</strong> {formatNumber(group.piLow, 2)} to{" "}
            {formatNumber(group.piHigh, 2)} — where a new school's effect might fall, given how much
            these results vary.
          </Text>
        ) : null}
        {group.note ? (
          <Alert color="gray" variant="light" data-testid="pooling-note">
            {group.note}
          </Alert>
        ) : null}
        <ForestPlot group={group} />
        <StudiesTable group={group} />
      </Stack>
    </Card>
  );
}

function StudiesTable({ group }: { group: EvidenceGroup }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="wide-table-region" aria-label={`Results for ${group.name}`} tabIndex={0}>
      <Table withTableBorder striped verticalSpacing={6} fz="sm" miw={900}>
        <caption className="visually-hidden">
          Each shared result for {group.name}, as in the forest plot
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">School · strategy</Table.Th>
            <Table.Th scope="col">Measure and period</Table.Th>
            <Table.Th scope="col">Compared with</Table.Th>
            <Table.Th scope="col" className="num">
              Participants
            </Table.Th>
            <Table.Th scope="col" className="num">
              Comparison
            </Table.Th>
            <Table.Th scope="col" className="num">
              g [95% CI]
            </Table.Th>
            <Table.Th scope="col">In the pooling</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group.studies.map((s) => (
            <Table.Tr key={s.id} data-testid="evidence-study">
              <Table.Th scope="row" fw={500}>
                {studyLabel(s)}
              </Table.Th>
              <Table.Td>
                {s.measureName}, {s.period}
              </Table.Td>
              <Table.Td>{SHORT_COMPARISON[s.comparison]}</Table.Td>
              <Table.Td className="num">{s.nParticipants ?? <SuppressedMark />}</Table.Td>
              <Table.Td className="num">
                {s.comparison === "none" ? "—" : (s.nComparison ?? <SuppressedMark />)}
              </Table.Td>
              <Table.Td className="num">
                {s.g !== null && s.ciLow !== null && s.ciHigh !== null ? (
                  `${formatNumber(s.g, 2)} [${formatNumber(s.ciLow, 2)}, ${formatNumber(s.ciHigh, 2)}]`
                ) : (
                  <SuppressedMark />
                )}
              </Table.Td>
              <Table.Td>{s.included ? "Yes" : (s.note ?? "No")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
