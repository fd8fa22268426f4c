import { Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { Cohort } from "../../../contracts/cohort.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useCohort } from "../../lib/api/cohort.ts";
import { formatDate } from "../../lib/format.ts";
import { CohortMembersTable } from "./cohort-members-table.tsx";
import { SizeWarning } from "./size-warning.tsx";

/** The target cohort: its pupils' latest positions, their change since joining, and its history. */
export function CohortPage() {
  return (
    <SchoolDataPage
      title="Target cohort"
      intro="The pupils the team works with first: about 15 disadvantaged pupils."
      actions={
        <AnchorLink to="/matrix" fw={600} className="no-print">
          Open the matrix
        </AnchorLink>
      }
    >
      {(school) => <CohortView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function CohortView({ school }: { school: CurrentSchool }) {
  const cohort = useCohort(school.id);
  const data = cohort.data;
  const finder = (
    <AnchorLink to="/my-school/cohort/candidates" fw={600}>
      {data && data.size > 0
        ? data.canManage
          ? "Change the cohort in the candidate finder"
          : "See the candidate finder"
        : "Find candidates"}
    </AnchorLink>
  );
  return (
    <Stack gap="xl">
      <ProblemAlert error={cohort.error} title="The cohort could not be loaded" />
      {cohort.isPending ? <Loader role="status" size="sm" aria-label="Loading the cohort" /> : null}
      {data ? <CohortBody cohort={data} finder={finder} schoolName={school.name} /> : null}
    </Stack>
  );
}

function CohortBody({
  cohort,
  finder,
  schoolName,
}: {
  cohort: Cohort;
  finder: ReactNode;
  schoolName: string;
}) {
  return (
    <>
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>
          {schoolName} · {cohort.academicYear}
        </Text>
        {cohort.size > 0 ? <span className="no-print">{finder}</span> : null}
      </Group>
      {cohort.size === 0 ? (
        <EmptyNote action={finder}>
          No cohort yet — find candidates.{" "}
          {cohort.canManage
            ? "The finder ranks your pupils against the programme's criteria and says why."
            : "The school's leaders choose the cohort from the finder's proposals."}
        </EmptyNote>
      ) : (
        <Stack gap="sm">
          <Title order={2} size="h3">
            {cohort.size} {cohort.size === 1 ? "pupil" : "pupils"} in the cohort
          </Title>
          {cohort.warning ? <SizeWarning>{cohort.warning}</SizeWarning> : null}
          <Text size="sm">
            Each measure shows the latest value and its change since the pupil joined. The pseudonym
            is what the trio and cluster see instead of the pupil's name.
          </Text>
          <CohortMembersTable cohort={cohort} />
        </Stack>
      )}
      {cohort.history.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} size="h3">
            History
          </Title>
          <Table striped aria-label="Who joined and left the cohort">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Pupil</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Left</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cohort.history.map((h) => (
                <Table.Tr key={`${h.pupilId}-${h.joinedOn}`}>
                  <Table.Td>{h.name}</Table.Td>
                  <Table.Td>{formatDate(h.joinedOn)}</Table.Td>
                  <Table.Td>{h.leftOn ? formatDate(h.leftOn) : "Still in the cohort"}</Table.Td>
                  <Table.Td>{h.reason ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </>
  );
}
