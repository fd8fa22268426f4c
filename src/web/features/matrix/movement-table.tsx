import { List, Table, Text } from "@mantine/core";
import type { Matrix } from "../../../contracts/cohort.ts";
import { SuppressedMark, SuppressionKey } from "../../components/suppressed-mark.tsx";
import type { SchoolStyle } from "./school-style.ts";

const pupils = (n: number) => `${n} ${n === 1 ? "pupil" : "pupils"}`;

/** A count, or the suppression mark where it is not shown outside its school. */
const count = (n: number | null, reason: string | null) =>
  n === null ? <SuppressedMark reason={reason ?? undefined} /> : n;

/** Per school and quadrant: how many pupils moved in, moved out and stayed, and how many are there now. */
export function MovementTable({
  matrix,
  styles,
}: {
  matrix: Matrix;
  styles: Map<string, SchoolStyle>;
}) {
  if (matrix.summary.length === 0) {
    return (
      <Text size="sm">
        One of the axes has no expected value, so there are no quadrants to move between.
      </Text>
    );
  }
  const label = (key: string) => matrix.quadrants.find((q) => q.key === key)?.label ?? key;
  const anyHidden = matrix.summary.some((row) => row.suppressed);
  return (
    <>
      {anyHidden ? <SuppressionKey /> : null}
      <Table striped aria-label="Movement between quadrants, per school">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>School</Table.Th>
            <Table.Th>Quadrant</Table.Th>
            <Table.Th ta="right">Moved in</Table.Th>
            <Table.Th ta="right">Moved out</Table.Th>
            <Table.Th ta="right">Stayed</Table.Th>
            <Table.Th ta="right">There now</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.summary.map((row, i) => {
            const first = matrix.summary[i - 1]?.schoolCode !== row.schoolCode;
            const school = styles.get(row.schoolCode);
            return (
              <Table.Tr
                key={`${row.schoolCode}-${row.quadrant}`}
                className={first ? "group-start" : undefined}
              >
                <Table.Td fw={first ? 600 : 400}>
                  {first ? (
                    `${row.schoolCode} · ${school?.name ?? ""}`
                  ) : (
                    <span className="visually-hidden">{row.schoolCode}</span>
                  )}
                </Table.Td>
                <Table.Td>{label(row.quadrant)}</Table.Td>
                <Table.Td ta="right">{count(row.movedIn, row.suppressedReason)}</Table.Td>
                <Table.Td ta="right">{count(row.movedOut, row.suppressedReason)}</Table.Td>
                <Table.Td ta="right">{count(row.stayed, row.suppressedReason)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {count(row.now, row.suppressedReason)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** "3 pupils without data at both points", per school, when any are missing. */
export function MissingNote({ matrix }: { matrix: Matrix }) {
  const missing = matrix.missing.filter((m) => m.pupils !== 0);
  if (missing.length === 0) {
    return (
      <Text size="sm" data-testid="missing-note">
        Every cohort pupil has data at both points.
      </Text>
    );
  }
  return (
    <List size="sm" data-testid="missing-note">
      {missing.map((m) => (
        <List.Item key={m.schoolCode}>
          {m.schoolCode}:{" "}
          {m.pupils === null ? (
            <>
              <SuppressedMark /> pupils
            </>
          ) : (
            pupils(m.pupils)
          )}{" "}
          without data at both points
        </List.Item>
      ))}
    </List>
  );
}
