import { Table, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import type { Matrix } from "../../../contracts/cohort.ts";
import { type Dot, moved, movement, pointLabel, value } from "./describe.ts";
import type { SchoolStyle } from "./school-style.ts";

interface Column {
  key: string;
  label: string;
  /** The point a value column belongs to, for screen readers. */
  hint?: string;
  sortValue: (dot: Dot) => string | number | null;
  numeric?: boolean;
}

function columnsFor(matrix: Matrix): Column[] {
  const from = pointLabel(matrix, matrix.from);
  const to = pointLabel(matrix, matrix.to);
  return [
    { key: "label", label: "Pupil", sortValue: (d) => d.label },
    { key: "school", label: "School", sortValue: (d) => d.schoolCode },
    {
      key: "xFrom",
      label: matrix.x.label,
      hint: from,
      sortValue: (d) => d.from?.x ?? null,
      numeric: true,
    },
    {
      key: "yFrom",
      label: matrix.y.label,
      hint: from,
      sortValue: (d) => d.from?.y ?? null,
      numeric: true,
    },
    {
      key: "xTo",
      label: matrix.x.label,
      hint: to,
      sortValue: (d) => d.to?.x ?? null,
      numeric: true,
    },
    {
      key: "yTo",
      label: matrix.y.label,
      hint: to,
      sortValue: (d) => d.to?.y ?? null,
      numeric: true,
    },
    { key: "quadrant", label: "Quadrant", sortValue: (d) => movement(matrix, d) },
    { key: "moved", label: "Moved quadrant?", sortValue: (d) => (moved(d) ? 1 : 0) },
  ];
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === "number" && typeof b === "number"
    ? a - b
    : String(a).localeCompare(String(b));
}

/** The chart as a table: every pupil's values at both points and their quadrants; sortable. */
export function MatrixTable({
  matrix,
  styles,
}: {
  matrix: Matrix;
  styles: Map<string, SchoolStyle>;
}) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const columns = columnsFor(matrix);
  const column = columns.find((c) => c.key === sort?.key);
  const rows = column
    ? [...matrix.dots].sort(
        (a, b) => compare(column.sortValue(a), column.sortValue(b)) * (sort?.dir ?? 1),
      )
    : matrix.dots;

  const header = (c: Column, extra?: { rowSpan?: number }) => {
    const active = sort?.key === c.key;
    return (
      <Table.Th
        key={c.key}
        rowSpan={extra?.rowSpan}
        aria-sort={active ? (sort?.dir === 1 ? "ascending" : "descending") : "none"}
        ta={c.numeric ? "right" : undefined}
      >
        <UnstyledButton
          className="matrix-sort-button"
          onClick={() =>
            setSort(active && sort?.dir === 1 ? { key: c.key, dir: -1 } : { key: c.key, dir: 1 })
          }
        >
          {c.label}
          {c.hint ? <span className="visually-hidden">, {c.hint}</span> : null}
          <span aria-hidden="true" className="matrix-sort-mark">
            {active ? (sort?.dir === 1 ? " ▲" : " ▼") : " ↕"}
          </span>
        </UnstyledButton>
      </Table.Th>
    );
  };
  const [label, school, xFrom, yFrom, xTo, yTo, quadrant, movedColumn] = columns as [
    Column,
    Column,
    Column,
    Column,
    Column,
    Column,
    Column,
    Column,
  ];

  return (
    <section
      className="matrix-table-region"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      aria-label="Pupils on the matrix (scrolls)"
    >
      <Table striped stickyHeader aria-label="Pupils on the matrix">
        <Table.Thead>
          <Table.Tr>
            {header(label, { rowSpan: 2 })}
            {header(school, { rowSpan: 2 })}
            <Table.Th colSpan={2} ta="center" className="matrix-point-head">
              {pointLabel(matrix, matrix.from)}
            </Table.Th>
            <Table.Th colSpan={2} ta="center" className="matrix-point-head">
              {pointLabel(matrix, matrix.to)}
            </Table.Th>
            {header(quadrant, { rowSpan: 2 })}
            {header(movedColumn, { rowSpan: 2 })}
          </Table.Tr>
          <Table.Tr>
            {header(xFrom)}
            {header(yFrom)}
            {header(xTo)}
            {header(yTo)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((dot) => {
            const school = styles.get(dot.schoolCode);
            return (
              <Table.Tr
                key={dot.key}
                data-testid="matrix-row"
                data-label={dot.label}
                data-key={dot.key}
              >
                <Table.Td fw={dot.own ? 600 : 400} className="matrix-nowrap">
                  {dot.label}
                </Table.Td>
                <Table.Td title={school?.name}>{dot.schoolCode}</Table.Td>
                <Table.Td ta="right">{value(dot.from?.x)}</Table.Td>
                <Table.Td ta="right">{value(dot.from?.y)}</Table.Td>
                <Table.Td ta="right">{value(dot.to?.x)}</Table.Td>
                <Table.Td ta="right">{value(dot.to?.y)}</Table.Td>
                <Table.Td className="matrix-nowrap">{movement(matrix, dot)}</Table.Td>
                <Table.Td>{moved(dot) ? "Yes" : dot.from && dot.to ? "No" : "—"}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </section>
  );
}
