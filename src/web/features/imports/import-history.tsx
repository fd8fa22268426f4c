import { Alert, Button, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { ImportSummary } from "../../../contracts/pupil-data.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useImports, useUndoImport } from "./api/imports.ts";

const KIND_LABELS = { pupils: "Pupil list", observations: "Assessment data" } as const;

/** What undoing an import will change, said before it happens. */
function undoExplanation(item: ImportSummary): string {
  const [one, many] = item.kind === "pupils" ? ["pupil", "pupils"] : ["value", "values"];
  const count = (n: number) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    item.created > 0 ? `The ${count(item.created)} it added are removed.` : "",
    item.updated > 0
      ? `The ${count(item.updated)} it changed go back to ${item.kind === "pupils" ? "how they were" : "what they were"} before it.`
      : "",
    item.markedLeft > 0
      ? `The ${item.markedLeft === 1 ? "pupil" : `${item.markedLeft} pupils`} it marked as left ${item.markedLeft === 1 ? "goes" : "go"} back on roll.`
      : "",
  ].filter(Boolean);
  const what =
    parts.length > 0 ? parts.join(" ") : "It changed nothing, so undoing it only marks it undone.";
  return `${what} Cascade refuses if a later import, or a change by hand, has touched the same data since; nothing is changed then.`;
}

/** Every import into the school, newest first, with undo while the data allows. */
export function ImportHistory({ schoolId }: { schoolId: string }) {
  const imports = useImports(schoolId);
  const undo = useUndoImport();
  const [undoing, setUndoing] = useState<ImportSummary | null>(null);
  const items = imports.data ?? [];
  const close = () => {
    setUndoing(null);
    undo.reset();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Import history
      </Title>
      <ProblemAlert error={imports.error} title="The history could not be loaded" />
      {imports.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the import history" />
      ) : null}
      {undo.data && !undoing ? (
        <Alert
          color="teal"
          variant="light"
          title="Import undone"
          role="status"
          withCloseButton
          onClose={() => undo.reset()}
          closeButtonLabel="Dismiss"
        >
          {undo.data.removed} removed and {undo.data.restored} put back as they were.
        </Alert>
      ) : null}
      {imports.data && items.length === 0 ? (
        <Text size="sm">No imports yet. The first is usually the pupil list.</Text>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th className="num">Rows</Table.Th>
                <Table.Th className="num">Created</Table.Th>
                <Table.Th className="num">Updated</Table.Th>
                <Table.Th className="num">Unchanged</Table.Th>
                <Table.Th className="num">Marked as left</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {formatDateTime(item.createdAt)}
                  </Table.Td>
                  <Table.Td>{item.createdBy ?? "—"}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {item.fileName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {KIND_LABELS[item.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">{item.rows}</Table.Td>
                  <Table.Td className="num">{item.created}</Table.Td>
                  <Table.Td className="num">{item.updated}</Table.Td>
                  <Table.Td className="num">{item.unchanged}</Table.Td>
                  <Table.Td className="num">
                    {item.kind === "pupils" ? item.markedLeft : "—"}
                  </Table.Td>
                  <Table.Td>
                    {item.undoneAt ? (
                      <Text size="sm" c="dimmed">
                        Undone {formatDateTime(item.undoneAt)}
                      </Text>
                    ) : item.canUndo ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setUndoing(item)}
                        aria-label={`Undo the import of ${item.fileName} on ${formatDateTime(item.createdAt)}`}
                      >
                        Undo
                      </Button>
                    ) : (
                      "Imported"
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <ConfirmModal
        opened={undoing !== null}
        title={`Undo the import of ${undoing?.fileName ?? "this file"}?`}
        confirmLabel="Undo import"
        pending={undo.isPending}
        error={undo.error}
        onClose={close}
        onConfirm={() => undoing && undo.mutate(undoing.id, { onSuccess: () => setUndoing(null) })}
      >
        {undoing ? undoExplanation(undoing) : ""}
      </ConfirmModal>
    </Stack>
  );
}
