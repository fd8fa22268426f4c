import {
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { PHASE_LABELS, type School } from "../../../contracts/network.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useHubs } from "./api/hubs.ts";
import { useSchools, useUpdateSchool } from "./api/schools.ts";

const PAGE_SIZE = 25;

/** The network's schools: search, filter by hub, edit, archive. */
export function SchoolsTable({
  onAdd,
  onEdit,
}: {
  onAdd: () => void;
  onEdit: (school: School) => void;
}) {
  const hubs = useHubs();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [hubId, setHubId] = useState<string | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const schools = useSchools({
    search: debounced,
    hubId,
    includeArchived,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const update = useUpdateSchool();
  const [archiving, setArchiving] = useState<School | null>(null);
  const total = schools.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(debounced || hubId);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h4">
          Schools{schools.data ? ` (${total})` : ""}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            aria-label="Search schools"
            placeholder="Search by name, URN or short code"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={280}
          />
          <Select
            aria-label="Filter by hub"
            placeholder="All hubs"
            data={(hubs.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
            value={hubId}
            onChange={(value) => {
              setHubId(value);
              setPage(1);
            }}
            clearable
            w={200}
          />
          <Switch
            label="Show archived"
            checked={includeArchived}
            onChange={(e) => {
              setIncludeArchived(e.currentTarget.checked);
              setPage(1);
            }}
            mb={8}
          />
        </Group>
      </Group>
      <ProblemAlert error={schools.error} />
      <ProblemAlert error={update.error} title="The school was not changed" />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>URN</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Phase</Table.Th>
              <Table.Th>Local authority</Table.Th>
              <Table.Th>Postcode</Table.Th>
              <Table.Th>Hub</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schools.data?.items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Group gap="sm">
                    <Text size="sm">
                      {filtered
                        ? "No school matches this search."
                        : "No schools yet. Add one by hand or import the GIAS extract below."}
                    </Text>
                    {filtered ? null : (
                      <Button size="xs" variant="light" onClick={onAdd}>
                        Add the first school
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {schools.data?.items.map((school) => (
              <Table.Tr key={school.id}>
                <Table.Td>{school.urn}</Table.Td>
                <Table.Td>{school.name}</Table.Td>
                <Table.Td>{PHASE_LABELS[school.phase]}</Table.Td>
                <Table.Td>{school.localAuthority}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{school.postcode}</Table.Td>
                <Table.Td>{school.hubName ?? "—"}</Table.Td>
                <Table.Td>{school.shortCode}</Table.Td>
                <Table.Td>
                  {school.archived ? (
                    <Badge color="gray" variant="light">
                      Archived
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      Active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onEdit(school)}
                      aria-label={`Edit ${school.name}`}
                    >
                      Edit
                    </Button>
                    {school.archived ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => update.mutate({ id: school.id, archived: false })}
                        aria-label={`Unarchive ${school.name}`}
                      >
                        Unarchive
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setArchiving(school)}
                        aria-label={`Archive ${school.name}`}
                      >
                        Archive
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Pagination total={pages} value={page} onChange={setPage} aria-label="Pages of schools" />
      ) : null}
      <ConfirmModal
        opened={archiving !== null}
        title="Archive this school?"
        confirmLabel="Archive school"
        pending={update.isPending}
        error={update.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          update.mutate(
            { id: archiving.id, archived: true },
            { onSuccess: () => setArchiving(null) },
          )
        }
      >
        {`${archiving?.name ?? "The school"} will no longer be offered for new clusters and enrolments, and leaves the list unless “Show archived” is on. Its enrolments, teams and data stay, and you can unarchive it at any time.`}
      </ConfirmModal>
    </Stack>
  );
}
