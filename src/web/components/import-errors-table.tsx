import { Table, Text } from "@mantine/core";
import type { ImportError } from "../../contracts/network.ts";
import { ApiProblem } from "../lib/api-client.ts";

/** The rows a file was refused for (422 with `errors`): nothing was stored. */
export function importErrorsOf(error: unknown): ImportError[] {
  if (!(error instanceof ApiProblem) || !Array.isArray(error.body.errors)) return [];
  return (error.body.errors as unknown[]).filter(
    (e): e is ImportError => typeof (e as ImportError)?.row === "number",
  );
}

/** Every problem in a file: row, column, the value found and what is allowed. */
export function ImportErrorsTable({ rows, label }: { rows: ImportError[]; label: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="scroll-region" aria-label={label} tabIndex={0}>
      <Table stickyHeader withTableBorder bg="white">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>Column</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row can carry two problems in one column
            <Table.Tr key={`${row.row}-${row.column}-${i}`}>
              <Table.Td>{row.row}</Table.Td>
              <Table.Td>{row.column}</Table.Td>
              <Table.Td>
                {row.value === "" ? (
                  <Text span c="dimmed" size="sm">
                    (empty)
                  </Text>
                ) : (
                  row.value
                )}
              </Table.Td>
              <Table.Td>{row.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
