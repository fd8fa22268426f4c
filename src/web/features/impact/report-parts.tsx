import { Group, Stack, Table, Text } from "@mantine/core";
import * as Plot from "@observablehq/plot";
import type { ReactNode } from "react";
import type { SchoolImpactReport } from "../../../contracts/impact.ts";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { SuppressedMark, SuppressionKey } from "../../components/suppressed-mark.tsx";
import "./impact-report.css";

type Movement = SchoolImpactReport["movement"];

/** A table that may scroll sideways on a narrow screen: a region the keyboard can reach and scroll. */
export function WideTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      className="wide-table-region"
      aria-label={`${label} (scrolls sideways)`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      {children}
    </section>
  );
}

/** A count, or the suppression mark where the server withheld it (with its reason). */
export function Count({ value, reason }: { value: number | null; reason?: string }) {
  return value === null ? <SuppressedMark reason={reason} /> : value;
}

/** The movement across the matrix: pupils now in each quadrant as bars, and every count as a table. */
export function MovementView({ movement, reason }: { movement: Movement; reason?: string }) {
  if (!movement.from || !movement.to || movement.rows.length === 0) {
    return (
      <Text size="sm">
        The matrix needs values at two assessment points, on measures with an expected value. Enter
        the values under Data entry and the movement appears here.
      </Text>
    );
  }
  const bars = movement.rows.flatMap((r) =>
    r.now === null ? [] : [{ label: r.label, now: r.now }],
  );
  const anySuppressed = movement.rows.some((r) => r.suppressed) || movement.missing === null;
  return (
    <Stack gap="sm">
      <Text size="sm">
        From {movement.from} to {movement.to}. Across: {movement.xLabel}. Up: {movement.yLabel}.
      </Text>
      {bars.length > 0 ? (
        <PlotFigure
          height={200}
          options={{
            marginLeft: 150,
            marginBottom: 40,
            marginRight: 24,
            x: { label: "Pupils now", labelAnchor: "center", labelOffset: 36, grid: true },
            y: { label: null, domain: bars.map((b) => b.label) },
            marks: [Plot.barX(bars, { y: "label", x: "now", fill: "#0b7a5a" }), Plot.ruleX([0])],
          }}
          label={`Pupils now in each quadrant at ${movement.to}: ${bars.map((b) => `${b.label} ${b.now}`).join("; ")}.`}
          caption="Pupils in each quadrant at the latest point. The table has every count."
        />
      ) : null}
      <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="movement-table">
        <caption className="visually-hidden">The movement across the matrix as a table</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Quadrant</Table.Th>
            <Table.Th scope="col" className="num">
              Moved in
            </Table.Th>
            <Table.Th scope="col" className="num">
              Moved out
            </Table.Th>
            <Table.Th scope="col" className="num">
              Stayed
            </Table.Th>
            <Table.Th scope="col" className="num">
              Now
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {movement.rows.map((r) => (
            <Table.Tr key={r.quadrant}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              <Table.Td className="num">
                <Count value={r.movedIn} reason={reason} />
              </Table.Td>
              <Table.Td className="num">
                <Count value={r.movedOut} reason={reason} />
              </Table.Td>
              <Table.Td className="num">
                <Count value={r.stayed} reason={reason} />
              </Table.Td>
              <Table.Td className="num">
                <Count value={r.now} reason={reason} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="md">
        <Text size="sm">
          Pupils without a position at both points:{" "}
          <Count value={movement.missing} reason={reason} />.
        </Text>
        {anySuppressed ? <SuppressionKey /> : null}
      </Group>
    </Stack>
  );
}

/** A figure to 2 decimal places, signed where it is a change, as the PDF shows it. */
export const figureText = (n: number | null, signed = false): string =>
  n === null ? "—" : `${signed && n > 0 ? "+" : ""}${n.toFixed(2)}`;
