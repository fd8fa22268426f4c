import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import type { AuditEventView } from "../../../contracts/audit.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { type AuditFilters, useAuditChain, useAuditLog, useAuditSchools } from "./api/audit.ts";

const PAGE_SIZE = 50;

type Filters = Omit<AuditFilters, "offset" | "limit">;

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");
}

/** The whole audit log for network administrators, with the chain check. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [actorName, setActorName] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const log = useAuditLog({ ...filters, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const chain = useAuditChain();
  const schools = useAuditSchools();
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));
  const update = (change: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setPage(1);
  };
  const onlyActor = (event: AuditEventView) => {
    if (!event.actor) return;
    setActorName(event.actor.name);
    update({ actorId: event.actor.id });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        intro="Every change, export, bulk read of named data, sign-in and refused request, newest first. Each row is chained to the one before it, so a row taken out is found."
      />
      <Stack gap="md">
        <ProblemAlert error={chain.error} title="The audit chain could not be checked" />
        {chain.isPending ? (
          <Loader role="status" size="sm" aria-label="Checking the audit chain" />
        ) : null}
        {chain.data ? (
          <Alert
            variant="light"
            color={chain.data.ok ? "teal" : "red"}
            title={chain.data.ok ? "Chain intact" : "Chain broken"}
            data-testid="chain-check"
          >
            <Group justify="space-between" align="center" wrap="wrap">
              <Text size="sm">{chain.data.summary}</Text>
              <Button
                size="xs"
                variant="default"
                loading={chain.isFetching}
                onClick={() => void chain.refetch()}
              >
                Check again
              </Button>
            </Group>
          </Alert>
        ) : null}

        <form
          aria-label="Filter the audit log"
          onSubmit={(event) => event.preventDefault()}
          className="no-print"
        >
          <Group align="flex-end" wrap="wrap" gap="sm">
            <Select
              label="Action"
              placeholder="Any action"
              data={log.data?.actions ?? []}
              value={filters.action ?? null}
              onChange={(value) => update({ action: value ?? undefined })}
              clearable
              searchable
              w={220}
            />
            <Select
              label="School"
              placeholder="Any school"
              data={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={filters.schoolId ?? null}
              onChange={(value) => update({ schoolId: value ?? undefined })}
              clearable
              searchable
              w={260}
            />
            <TextInput
              type="date"
              label="From"
              value={filters.from ?? ""}
              onChange={(event) => update({ from: event.currentTarget.value || undefined })}
              w={170}
            />
            <TextInput
              type="date"
              label="To"
              value={filters.to ?? ""}
              onChange={(event) => update({ to: event.currentTarget.value || undefined })}
              w={170}
            />
            {filters.actorId ? (
              <Button
                variant="light"
                onClick={() => {
                  setActorName(null);
                  update({ actorId: undefined });
                }}
                aria-label={`Show everyone, not only ${actorName ?? "one person"}`}
              >
                Only {actorName ?? "one person"} ✕
              </Button>
            ) : null}
          </Group>
        </form>

        <ProblemAlert error={log.error} title="The audit log could not be loaded" />
        {log.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the audit log" />
        ) : null}
        {log.data && log.data.items.length === 0 ? (
          <EmptyNote>
            Nothing in the log matches these filters. Clear a filter or widen the dates.
          </EmptyNote>
        ) : null}
        {log.data && log.data.items.length > 0 ? (
          <>
            <Text size="sm" c="dimmed" role="status">
              {log.data.total} {log.data.total === 1 ? "row" : "rows"} match.
            </Text>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
            <section className="data-table-region" aria-label="Audit log rows" tabIndex={0}>
              <Table
                striped
                stickyHeader
                verticalSpacing="xs"
                miw={900}
                aria-label="Audit log, newest first"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>About</Table.Th>
                    <Table.Th>Details</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.items.map((event) => (
                    <Table.Tr key={event.id} data-testid="audit-row">
                      <Table.Td>{event.seq}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {formatDateTime(event.occurredAt)}
                      </Table.Td>
                      <Table.Td>
                        {event.actor ? (
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => onlyActor(event)}
                            aria-label={`Only rows by ${event.actor.name}`}
                          >
                            {event.actor.name}
                          </Button>
                        ) : (
                          <Text size="sm" c="dimmed">
                            No one signed in
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Code>{event.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        {event.targetType ? (
                          <Text size="sm">
                            {event.targetType}
                            {event.targetId ? (
                              <Text span size="xs" c="dimmed" display="block">
                                {event.targetId}
                              </Text>
                            ) : null}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{describeDetails(event.details)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{event.ip ?? ""}</Text>
                        {event.userAgent ? (
                          <Text size="xs" c="dimmed" lineClamp={1} title={event.userAgent}>
                            {event.userAgent}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
            {pages > 1 ? (
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                aria-label="Pages of the audit log"
              />
            ) : null}
          </>
        ) : null}
      </Stack>
    </>
  );
}
