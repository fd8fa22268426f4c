import { Select, Table, Text } from "@mantine/core";
import type { ImportPreview } from "../../../contracts/pupil-data.ts";
import { ApiProblem } from "../../lib/api-client.ts";
import type { ImportFlow } from "./use-import-flow.ts";

const IGNORE = "__ignore__";

/** A select per column of the file: which of Cascade's fields it fills, or none. */
export function ColumnMapping({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const mapping = flow.mapping ?? preview.mapping;
  const used = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  const missing = preview.fields.filter((f) => f.required && !used.has(f.value));
  const serverError = (header: string) =>
    flow.previewError instanceof ApiProblem
      ? flow.previewError.fieldMessage(`mapping.${header}`)
      : undefined;

  return (
    <>
      <Text size="sm">
        Cascade suggested a field for each column it recognised; check them, and choose for any it
        did not. Fields marked required must each come from a column. Your choices are remembered
        for the school's next import.
      </Text>
      {missing.length > 0 ? (
        <Text size="sm" fw={600} className="cell-error">
          ⚠ Still to match: {missing.map((f) => f.label).join(", ")}.
        </Text>
      ) : null}
      <Table withTableBorder maw={720} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Column in the file</Table.Th>
            <Table.Th>Cascade field</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((header) => {
            const current = mapping[header] ?? null;
            return (
              <Table.Tr key={header}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {header}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Field for the column ${header}`}
                    data={[
                      { value: IGNORE, label: "Ignore this column" },
                      ...preview.fields.map((f) => ({
                        value: f.value,
                        label: f.required ? `${f.label} (required)` : f.label,
                        disabled: used.has(f.value) && f.value !== current,
                      })),
                    ]}
                    value={current ?? IGNORE}
                    onChange={(value) =>
                      flow.setColumn(header, value === IGNORE || value === null ? null : value)
                    }
                    allowDeselect={false}
                    searchable
                    error={serverError(header)}
                    w={320}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
