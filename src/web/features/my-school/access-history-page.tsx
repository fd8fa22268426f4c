import { Badge, Group, Loader, Pagination, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { AccessHistoryEntry } from "../../../contracts/audit.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useAccessHistory } from "./api/access-history.ts";

const PAGE_SIZE = 50;

/** What an audit action means, in words a school leader uses. */
const ACTIONS: Record<string, string> = {
  "pupil.viewed": "Opened a pupil's record",
  "pupil.updated": "Changed a pupil's record",
  "pupils.listed": "Listed pupils",
  "cohort.read": "Read the target cohort",
  "cohort.candidates_listed": "Listed cohort candidates",
  "matrix.read": "Read the matrix",
  "matrix.exported": "Exported the matrix",
  "observations.recorded": "Recorded assessment data",
  "access.denied": "Was refused access",
  "school.access_history_read": "Read this access history",
  "assessment_points.created": "Added assessment points",
  "school.disadvantage_rule_changed": "Changed the disadvantage rule",
  "school.para_access_changed": "Changed what para-professionals see",
};

function describe(entry: AccessHistoryEntry): string {
  const what = ACTIONS[entry.action] ?? entry.action;
  return entry.count !== null && !entry.pupil ? `${what} (${entry.count})` : what;
}

/** Who read or changed the school's pupil data, and when: for the school's leaders. */
export function AccessHistoryPage() {
  return (
    <SchoolDataPage
      title="Access history"
      intro="Who opened, listed, exported or changed your pupils' data, and who tried and was refused, newest first."
    >
      {(school) =>
        school.abilities.readAccessHistory ? (
          <AccessHistory school={school} />
        ) : (
          <EmptyNote>Only the school's leaders see who has used its pupils' data.</EmptyNote>
        )
      }
    </SchoolDataPage>
  );
}

function AccessHistory({ school }: { school: CurrentSchool }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [page, setPage] = useState(1);
  const history = useAccessHistory(school.id, {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil((history.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" className="no-print">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(event) => {
            setFrom(event.currentTarget.value);
            setPage(1);
          }}
          w={170}
        />
        <TextInput
          type="date"
          label="To"
          value={to}
          onChange={(event) => {
            setTo(event.currentTarget.value);
            setPage(1);
          }}
          w={170}
        />
      </Group>
      <ProblemAlert error={history.error} title="The access history could not be loaded" />
      {history.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the access history" />
      ) : null}
      {history.data && history.data.items.length === 0 ? (
        <EmptyNote>
          No one has used {school.name}'s pupil data {from || to ? "in these dates" : "yet"}. Each
          time someone opens, lists, exports or changes it, it appears here.
        </EmptyNote>
      ) : null}
      {history.data && history.data.items.length > 0 ? (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <section className="data-table-region" aria-label="Access history" tabIndex={0}>
            <Table
              striped
              stickyHeader
              verticalSpacing="xs"
              miw={640}
              aria-label={`Access to ${school.name}'s pupil data, newest first`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Pupil</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.map((entry) => (
                  <Table.Tr key={entry.id} data-testid="access-row">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatDateTime(entry.occurredAt)}
                    </Table.Td>
                    <Table.Td>{entry.actor?.name ?? "No one signed in"}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm">{describe(entry)}</Text>
                        {entry.refused ? (
                          <Badge variant="light" color="red">
                            Refused
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{entry.pupil?.name ?? "—"}</Table.Td>
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
              aria-label="Pages of the access history"
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
