import { Button, Stack, Table, Text } from "@mantine/core";
import type { GapOverview } from "../../../contracts/pupil-data.ts";
import { formatNumber, formatPercent, formatSigned } from "../../lib/format-numbers.ts";
import { statDecimals } from "../../lib/gap-format.ts";

type Row = GapOverview["rows"][number];
type Group = Row["disadvantaged"];

function GroupCells({ group, decimals }: { group: Group; decimals: number }) {
  return (
    <>
      <Table.Td className="num">{group.n ?? "—"}</Table.Td>
      <Table.Td className="num">{formatNumber(group.mean, decimals)}</Table.Td>
      <Table.Td className="num">{formatNumber(group.sd, decimals)}</Table.Td>
      <Table.Td className="num">{formatPercent(group.pctAtExpected)}</Table.Td>
    </>
  );
}

/** Every measure at one point: both groups side by side, and the gap in units and SDs. */
export function GapOverviewTable({
  overview,
  selectedId,
  onSelect,
}: {
  overview: GapOverview;
  selectedId: string | null;
  onSelect: (measureId: string) => void;
}) {
  const point = overview.assessmentPoint;
  return (
    <Stack>
      <Text size="sm">
        Gap = other pupils' mean − disadvantaged pupils' mean (reversed where lower is better), so a
        positive gap means disadvantaged pupils are behind. Gap in SD divides it by the pooled
        standard deviation. Where either group has fewer than 6 pupils the figures are too small to
        read.
      </Text>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="wide-table-region" aria-label="The gap on every measure" tabIndex={0}>
        <Table className="gap-table" miw={980} verticalSpacing={6}>
          <caption className="visually-hidden">
            The gap on every measure{point ? ` at ${point.name} ${point.academicYear}` : ""}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col">
                Measure
              </Table.Th>
              <Table.Th colSpan={4} scope="colgroup">
                Disadvantaged pupils
              </Table.Th>
              <Table.Th colSpan={4} scope="colgroup">
                Other pupils
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup">
                Gap
              </Table.Th>
              <Table.Th rowSpan={2} scope="col" className="no-print">
                <span className="visually-hidden">Trend</span>
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {["n", "Mean", "SD", "% at expected", "n", "Mean", "SD", "% at expected"].map(
                (h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the two groups repeat the headings
                  <Table.Th key={i} scope="col" className="num">
                    {h}
                  </Table.Th>
                ),
              )}
              <Table.Th scope="col" className="num">
                Units
              </Table.Th>
              <Table.Th scope="col" className="num">
                SD
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.rows.map((row) => {
              const decimals = statDecimals(row.measure);
              const empty = !row.disadvantaged.n && !row.other.n;
              const selected = row.measure.id === selectedId;
              return (
                <Table.Tr key={row.measure.id} data-selected={selected || undefined}>
                  <Table.Th scope="row" fw={500}>
                    {row.measure.name}
                    {empty ? (
                      <Text size="xs" c="dimmed">
                        No data at this point
                      </Text>
                    ) : row.tooSmall ? (
                      <Text size="xs" className="too-small">
                        <span aria-hidden="true">⚠ </span>Too small to read
                      </Text>
                    ) : null}
                  </Table.Th>
                  <GroupCells group={row.disadvantaged} decimals={decimals} />
                  <GroupCells group={row.other} decimals={decimals} />
                  <Table.Td className={`num${row.tooSmall ? " too-small" : ""}`}>
                    {formatSigned(row.gap, decimals)}
                  </Table.Td>
                  <Table.Td className={`num${row.tooSmall ? " too-small" : ""}`}>
                    {formatSigned(row.gapInSd, 2)}
                  </Table.Td>
                  <Table.Td className="no-print">
                    <Button
                      size="compact-xs"
                      variant={selected ? "filled" : "subtle"}
                      aria-pressed={selected}
                      onClick={() => onSelect(row.measure.id)}
                      aria-label={`Show the trend for ${row.measure.name}`}
                    >
                      Trend
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}
