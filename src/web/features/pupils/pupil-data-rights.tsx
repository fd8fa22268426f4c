import { Badge, Button, Card, Group, List, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { SchoolAbilities } from "../../../contracts/auth.ts";
import type { HistoryEntry } from "../../../contracts/data-rights.ts";
import type { Pupil } from "../../../contracts/pupil-data.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { TypedConfirmModal } from "../../components/typed-confirm-modal.tsx";
import { formatDateTime } from "../../lib/format.ts";
import {
  pupilDataDocumentUrl,
  pupilDataJsonUrl,
  useErasePupil,
  usePupilHistory,
} from "./api/data-rights.ts";
import { FLAGS, pupilName } from "./pupil-flags.tsx";

type DataRightsAbilities = Pick<
  SchoolAbilities,
  "exportPupilData" | "readPupilHistory" | "erasePupils"
>;

/** Whether the reader may exercise any of the pupil's data rights (so the section shows). */
export const offersDataRights = (a: DataRightsAbilities | undefined) =>
  Boolean(a && (a.exportPupilData || a.readPupilHistory || a.erasePupils));

/**
 * The pupil's data rights, for the school's leaders: a copy of everything held
 * (subject access), who changed what (rectification), and erasure.
 */
export function PupilDataRights({
  pupil,
  abilities,
}: {
  pupil: Pupil;
  abilities: DataRightsAbilities;
}) {
  const [erasing, setErasing] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="data-rights-heading">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="data-rights-heading">
            Data rights
          </Title>
          <Text size="sm" c="dimmed">
            The school is the data controller for its pupils. Answer a subject access request, check
            what was corrected and by whom, or erase the pupil's data.
          </Text>
        </div>
        {abilities.exportPupilData ? (
          <Group gap="sm">
            <Button component="a" href={pupilDataJsonUrl(pupil.id)} download variant="default">
              Download everything we hold (JSON)
            </Button>
            <Button
              component="a"
              href={pupilDataDocumentUrl(pupil.id)}
              target="_blank"
              rel="noopener"
              variant="default"
            >
              Open a readable copy (new tab)
            </Button>
          </Group>
        ) : null}
        {abilities.readPupilHistory ? <ChangeHistory pupilId={pupil.id} /> : null}
        {abilities.erasePupils ? (
          <Group justify="space-between" gap="sm" className="no-print">
            <Text size="sm">
              Erasure removes this pupil from Cascade for good, when the school has no reason to
              keep their data.
            </Text>
            <Button color="red" variant="light" onClick={() => setErasing(true)}>
              Erase this pupil…
            </Button>
          </Group>
        ) : null}
      </Stack>
      {abilities.erasePupils ? (
        <ErasePupilModal pupil={pupil} opened={erasing} onClose={() => setErasing(false)} />
      ) : null}
    </Card>
  );
}

const PUPIL_FIELDS: Record<string, string> = {
  legal_first_name: "Legal first name",
  preferred_first_name: "Preferred first name",
  last_name: "Surname",
  upn: "UPN",
  date_of_birth: "Date of birth",
  gender: "Gender",
  year_group: "Year group",
  sen_status: "SEN status",
  left_on: "Left the school on",
};

const SOURCES: Record<HistoryEntry["source"], string> = {
  edit: "Edited",
  import: "Imported",
  undo: "Import undone",
};

const camel = (column: string) =>
  column.replaceAll(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** "Year group", "Pupil premium", or the measure and point of a value. */
function fieldLabel(entry: HistoryEntry): string {
  if (entry.entity === "observation") {
    return [entry.measure ?? "A value", entry.assessmentPoint].filter(Boolean).join(", ");
  }
  return (
    PUPIL_FIELDS[entry.field] ??
    FLAGS.find((f) => f.key === camel(entry.field))?.label ??
    entry.field.replaceAll("_", " ")
  );
}

const shown = (value: string | null) => (value === null || value === "" ? "(empty)" : value);

function ChangeHistory({ pupilId }: { pupilId: string }) {
  const history = usePupilHistory(pupilId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        History of changes
      </Title>
      {history.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the history of changes" />
      ) : null}
      <ProblemAlert error={history.error} title="The history of changes could not be loaded" />
      {history.data?.items.length === 0 ? (
        <EmptyNote>
          No changes recorded. When someone corrects this pupil's details or values, or an import
          changes them, who did it, when, and the old and new values show here.
        </EmptyNote>
      ) : null}
      {history.data && history.data.items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="data-table-region" aria-label="History of changes" tabIndex={0}>
          <Table striped miw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>How</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.items.map((entry) => (
                <Table.Tr
                  key={[
                    entry.changedAt,
                    entry.entity,
                    entry.field,
                    entry.measure,
                    entry.assessmentPoint,
                    entry.newValue,
                  ].join("|")}
                >
                  <Table.Td>{formatDateTime(entry.changedAt)}</Table.Td>
                  <Table.Td>{entry.changedBy ?? "Unknown"}</Table.Td>
                  <Table.Td>{fieldLabel(entry)}</Table.Td>
                  <Table.Td>
                    {shown(entry.oldValue)} → {shown(entry.newValue)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" className="badge-nowrap">
                      {SOURCES[entry.source]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      ) : null}
    </Stack>
  );
}

function ErasePupilModal({
  pupil,
  opened,
  onClose,
}: {
  pupil: Pupil;
  opened: boolean;
  onClose: () => void;
}) {
  const erase = useErasePupil(pupil.id);
  const navigate = useNavigate();
  const legal = `${pupil.legalFirstName} ${pupil.lastName}`;
  const accepted = [
    legal,
    ...(pupil.preferredFirstName ? [`${pupil.preferredFirstName} ${pupil.lastName}`] : []),
  ];
  return (
    <TypedConfirmModal
      opened={opened}
      title={`Erase ${pupilName(pupil)}?`}
      label="Type the pupil's first name and surname to confirm"
      description={`As shown on their record: ${legal}`}
      accepted={accepted}
      mismatch="That is not this pupil's name. Type their first name and surname as shown."
      field="confirmName"
      confirmLabel="Erase this pupil"
      pending={erase.isPending}
      error={erase.error}
      onClose={() => {
        erase.reset();
        onClose();
      }}
      onConfirm={(typed) =>
        erase.mutate(typed, {
          onSuccess: () => void navigate({ to: "/my-school/pupils", search: { erased: true } }),
        })
      }
    >
      <Stack gap="xs">
        <Text size="sm">What goes, for good:</Text>
        <List size="sm" spacing={2}>
          <List.Item>their record: name, UPN, date of birth, flags and needs;</List.Item>
          <List.Item>
            every assessment value recorded for them, and its history of changes;
          </List.Item>
          <List.Item>their place in the target cohort and in strategies;</List.Item>
          <List.Item>what imports recorded about them;</List.Item>
          <List.Item>their pseudonym, which is retired and never issued again.</List.Item>
        </List>
        <Text size="sm">
          What stays: figures already shared across the network (suppressed aggregates, with no
          names), and the audit log's note that a pupil was erased, by id, never by name.
        </Text>
        <Text size="sm" fw={600}>
          There is no undo. A later import from the MIS would add them again as a new pupil.
        </Text>
      </Stack>
    </TypedConfirmModal>
  );
}
