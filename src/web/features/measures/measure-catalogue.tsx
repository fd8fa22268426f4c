import { Badge, Button, Group, Loader, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { Measure } from "../../../contracts/pupil-data.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useMeasureAbilities, useMeasures, useUpdateMeasure } from "../../lib/api/measures.ts";
import { formatPercent } from "../../lib/format-numbers.ts";
import { formatValue, hasLevels, KIND_LABELS, SCALE_LABELS } from "../../lib/scale-text.ts";
import { MeasureCreateModal } from "./measure-create-modal.tsx";
import { MeasureEditModal } from "./measure-edit-modal.tsx";

const rangeText = (m: Measure) =>
  hasLevels(m)
    ? `${formatValue(m, m.min)}–${formatValue(m, m.max)}`
    : `${m.min}–${m.max}${m.scale === "percentage" ? "%" : ""}`;

/** The measure catalogue: the built-in measures for the school's phase, as edited, and its own. */
export function MeasureCatalogue({ school }: { school: CurrentSchool }) {
  const [showArchived, setShowArchived] = useState(false);
  const measures = useMeasures(school.id, showArchived);
  const abilities = useMeasureAbilities(school.id, showArchived).data;
  const update = useUpdateMeasure();
  const [editing, setEditing] = useState<Measure | null>(null);
  const [archiving, setArchiving] = useState<Measure | null>(null);
  const [adding, setAdding] = useState(false);
  const items = measures.data ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h3">
          Measures
        </Title>
        <Group gap="md" align="center">
          <Switch
            label="Show archived measures"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
          />
          {abilities?.addMeasure ? (
            <Button onClick={() => setAdding(true)}>Add a measure</Button>
          ) : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        National figures are the percentages of disadvantaged and other pupils nationally at the
        expected standard; the gap dashboard shows them alongside the school's own.
      </Text>
      <ProblemAlert error={measures.error} title="The measures could not be loaded" />
      <ProblemAlert error={update.error} title="The measure was not changed" />
      {measures.isPending ? <Loader role="status" size="sm" aria-label="Loading measures" /> : null}
      <Table.ScrollContainer minWidth={980}>
        <Table striped stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Measure</Table.Th>
              <Table.Th>Scale</Table.Th>
              <Table.Th>Range</Table.Th>
              <Table.Th>Expected</Table.Th>
              <Table.Th>Higher is better</Table.Th>
              <Table.Th>National at expected (disadvantaged · other)</Table.Th>
              {abilities?.editMeasure ? (
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {m.name}
                  </Text>
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">
                      {KIND_LABELS[m.kind]}
                      {m.builtIn ? "" : " · the school's own"}
                    </Text>
                    {m.archived ? (
                      <Badge size="xs" color="gray" variant="light">
                        Archived
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{SCALE_LABELS[m.scale]}</Text>
                  {hasLevels(m) ? (
                    <Text size="xs" c="dimmed">
                      {m.levels
                        .map((l) => (l.code === l.label ? l.code : `${l.code} ${l.label}`))
                        .join(" · ")}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td className="num">{rangeText(m)}</Table.Td>
                <Table.Td>{formatValue(m, m.expected)}</Table.Td>
                <Table.Td>{m.higherIsBetter ? "Yes" : "No, lower is better"}</Table.Td>
                <Table.Td>
                  {m.nationalDisadvantagedPct === null && m.nationalOtherPct === null
                    ? "Not set"
                    : `${formatPercent(m.nationalDisadvantagedPct)} · ${formatPercent(m.nationalOtherPct)}`}
                </Table.Td>
                {abilities?.editMeasure ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditing(m)}
                        aria-label={`Edit ${m.name}`}
                      >
                        Edit
                      </Button>
                      {m.archived ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() =>
                            update.mutate({ id: m.id, version: m.version, archived: false })
                          }
                          aria-label={`Restore ${m.name}`}
                        >
                          Restore
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setArchiving(m)}
                          aria-label={`Archive ${m.name}`}
                        >
                          Archive
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing ? (
        <MeasureEditModal key={editing.id} measure={editing} onClose={() => setEditing(null)} />
      ) : null}
      <MeasureCreateModal schoolId={school.id} opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        opened={archiving !== null}
        title="Archive this measure?"
        confirmLabel="Archive measure"
        pending={update.isPending}
        error={update.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          update.mutate(
            { id: archiving.id, version: archiving.version, archived: true },
            { onSuccess: () => setArchiving(null) },
          )
        }
      >
        {`${archiving?.name ?? "The measure"} leaves the data entry grid, the gap dashboard and pupil profiles. Its recorded values are kept, and restoring the measure brings them back.`}
      </ConfirmModal>
    </Stack>
  );
}
