import { Alert, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { Measure } from "../../../contracts/pupil-data.ts";
import type { Evaluation, Strategy } from "../../../contracts/strategies.ts";
import { monthsText } from "../../lib/eef-strands.ts";
import { formatNumber, formatSigned } from "../../lib/format-numbers.ts";
import { statDecimals } from "../../lib/gap-format.ts";
import type { EvaluationChoice } from "./api/evaluation.ts";
import { PupilChangeChart } from "./pupil-change-chart.tsx";
import { ShareBox } from "./share-box.tsx";

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

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
      <Text fz={26} fw={700} lh={1.2} className="num" ta="left">
        {value}
      </Text>
      {detail ? <Text size="sm">{detail}</Text> : null}
    </Paper>
  );
}

/** One evaluation's numbers, its warnings first, the pupils' before and after, and sharing. */
export function EvaluationResult({
  evaluation,
  measure,
  strategy,
  choice,
}: {
  evaluation: Evaluation;
  measure: Measure;
  strategy: Strategy;
  choice: EvaluationChoice;
}) {
  const d = statDecimals(measure);
  const e = evaluation;
  return (
    <Stack gap="md" data-testid="evaluation-result">
      <Text size="sm">
        <strong>Design:</strong> {e.design} {e.measure.name}, {e.from.label} to {e.to.label}.
        {e.measure.higherIsBetter
          ? ""
          : " Lower is better on this measure, so a positive g means participants improved more."}
      </Text>
      {e.warnings.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={`Read this with care: ${e.warnings.length === 1 ? "1 warning" : `${e.warnings.length} warnings`}`}
          className="evaluation-warnings"
          data-testid="evaluation-warnings"
        >
          <List size="sm" spacing={4}>
            {e.warnings.map((w) => (
              <List.Item key={w.code + w.text}>{w.text}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Text size="sm">No warnings: both groups are large enough, complete and comparable.</Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Figure
          label="Effect size (Hedges' g)"
          value={formatNumber(e.hedgesG, 2)}
          detail={
            e.ciLow !== null && e.ciHigh !== null
              ? `95% CI ${formatNumber(e.ciLow, 2)} to ${formatNumber(e.ciHigh, 2)}`
              : "No effect size: see the warnings"
          }
        />
        <Figure
          label="EEF months' progress"
          value={e.months === null ? "—" : monthsText(e.months)}
          detail={
            e.monthsText ??
            e.monthsNote ??
            (e.hedgesG === null ? "No effect size, so no months" : undefined)
          }
          testId="months-figure"
        />
        <Figure
          label={e.comparison === "none" ? "Change" : "Difference in change"}
          value={formatSigned(
            e.comparison === "none" ? (e.groups[0]?.change ?? null) : e.differenceInChange,
            d,
          )}
          detail={
            e.comparison === "none"
              ? `Participants' change in ${e.measure.name}'s own units: no comparison group`
              : `Participants' change minus the comparison group's, in ${e.measure.name}'s own units`
          }
        />
        <Figure
          label="Cost per pupil"
          value={e.costPerPupil === null ? "—" : pounds.format(e.costPerPupil)}
          detail={
            e.costRating
              ? `${e.costRating} on the EEF's cost scale`
              : "Enter the cost in the plan to see it"
          }
        />
      </SimpleGrid>
      {strategy.eefStrand ? (
        <Text size="sm">
          The Toolkit's headline for {strategy.eefStrand.name} is{" "}
          {strategy.eefStrand.months === null
            ? "no months figure (insufficient evidence)"
            : monthsText(strategy.eefStrand.months)}
          .
        </Text>
      ) : null}
      <GroupsTable evaluation={e} decimals={d} />
      <Title order={3} size="h4">
        Each pupil before and after
      </Title>
      <PupilChangeChart evaluation={e} measure={measure} />
      {strategy.abilities.share ? (
        <ShareBox strategy={strategy} evaluation={e} choice={choice} />
      ) : null}
    </Stack>
  );
}

function GroupsTable({ evaluation, decimals }: { evaluation: Evaluation; decimals: number }) {
  const n = (v: number | null) => formatNumber(v, decimals);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="wide-table-region" aria-label="Groups before and after" tabIndex={0}>
      <Table withTableBorder verticalSpacing={6} fz="sm" miw={720} data-testid="groups-table">
        <caption className="visually-hidden">
          Each group's size, mean and SD at both points, and its change
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Group</Table.Th>
            <Table.Th scope="col" className="num">
              n
            </Table.Th>
            <Table.Th scope="col" className="num">
              Left out
            </Table.Th>
            <Table.Th scope="col" className="num">
              Mean before (SD)
            </Table.Th>
            <Table.Th scope="col" className="num">
              Mean after (SD)
            </Table.Th>
            <Table.Th scope="col" className="num">
              Change
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evaluation.groups.map((g) => (
            <Table.Tr key={g.label}>
              <Table.Th scope="row" fw={600}>
                {g.label}
              </Table.Th>
              <Table.Td className="num">{g.n}</Table.Td>
              <Table.Td className="num">{g.missing}</Table.Td>
              <Table.Td className="num">
                {n(g.meanBefore)} ({n(g.sdBefore)})
              </Table.Td>
              <Table.Td className="num">
                {n(g.meanAfter)} ({n(g.sdAfter)})
              </Table.Td>
              <Table.Td className="num">{formatSigned(g.change, decimals)}</Table.Td>
            </Table.Tr>
          ))}
          {evaluation.differenceInChange !== null ? (
            <Table.Tr>
              <Table.Th scope="row" colSpan={5} ta="right">
                Difference in change
              </Table.Th>
              <Table.Td className="num" fw={700}>
                {formatSigned(evaluation.differenceInChange, decimals)}
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </section>
  );
}
