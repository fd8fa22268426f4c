import { Table, Text } from "@mantine/core";
import type { ImportPreview } from "../../../contracts/pupil-data.ts";
import { formatDate } from "../../lib/format.ts";

/** Dates as people read them (`14 Feb 2018`); everything else as the server shows it. */
const shown = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value);

/** The first rows as they will be stored, each cell with a problem marked and explained. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const label = new Map(preview.fields.map((f) => [f.value, f.label]));
  const columns = preview.headers.flatMap((header) => {
    const field = preview.mapping[header];
    return field ? [{ header, field, label: label.get(field) ?? field }] : [];
  });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="data-table-region" aria-label="Preview of the first rows" tabIndex={0}>
      <Table stickyHeader withColumnBorders verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="num">Row</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.header}>
                {c.label}
                {c.label !== c.header ? (
                  <Text span size="xs" c="dimmed" display="block" fw={400}>
                    from “{c.header}”
                  </Text>
                ) : null}
              </Table.Th>
            ))}
            <Table.Th>Check</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row) => (
            <Table.Tr key={row.row}>
              <Table.Td className="num">{row.row}</Table.Td>
              {columns.map((c) => {
                const problem = row.problems.find((p) => p.column === c.header);
                const value = shown(row.values[c.field] ?? "");
                return problem ? (
                  <Table.Td key={c.header} className="problem-cell" title={problem.message}>
                    <span aria-hidden="true">⚠ </span>
                    {value || "(empty)"}
                    <span className="visually-hidden">{` — problem: ${problem.message}`}</span>
                  </Table.Td>
                ) : (
                  <Table.Td key={c.header}>{value}</Table.Td>
                );
              })}
              <Table.Td>
                {row.problems.length === 0 ? (
                  <Text span size="sm">
                    <span aria-hidden="true">✓ </span>OK
                  </Text>
                ) : (
                  <Text span size="sm" className="cell-error">
                    <span aria-hidden="true">⚠ </span>
                    {row.problems.length} {row.problems.length === 1 ? "problem" : "problems"}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
