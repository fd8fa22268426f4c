import { Badge, Loader, Stack, Table, Text } from "@mantine/core";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { useRetentionSchedule } from "./api/retention.ts";

const STATUS = {
  kept: { label: "Kept until then", color: "gray" },
  due: { label: "Due: deleted at the next daily run", color: "orange" },
  held: { label: "Kept: legal hold", color: "grape" },
} as const;

/** The school's retention schedule and next deletion date: for its leaders. */
export function SchoolRetentionPage() {
  return (
    <SchoolDataPage
      title="Data retention"
      intro="When each programme year's pupil data is deleted from Cascade."
    >
      {(school) =>
        school.abilities.readRetentionSchedule ? (
          <Schedule school={school} />
        ) : (
          <EmptyNote>Only the school's leaders see its retention schedule.</EmptyNote>
        )
      }
    </SchoolDataPage>
  );
}

function Schedule({ school }: { school: CurrentSchool }) {
  const schedule = useRetentionSchedule(school.id);
  if (schedule.isPending)
    return <Loader role="status" size="sm" aria-label="Loading the schedule" />;
  if (!schedule.data)
    return <ProblemAlert error={schedule.error} title="The schedule could not be loaded" />;
  const s = schedule.data;
  return (
    <Stack gap="md" maw={860}>
      <Text size="lg" fw={600} data-testid="next-deletion">
        {s.nextDeletionDate
          ? `Next deletion: ${formatDate(s.nextDeletionDate)}`
          : s.schoolHeld
            ? "No deletion is due: a legal hold keeps the school's data."
            : "No deletion is scheduled: the school has no programme years yet."}
      </Text>
      <Text size="sm">
        Pupil-level data (observations, cohort places, strategy places, and a pupil's record once
        nothing else of theirs is kept) is deleted {s.pupilDataYears} year
        {s.pupilDataYears === 1 ? "" : "s"} after the end of the programme year. The audit log is
        kept {s.auditLogYears} years.
      </Text>
      {s.years.length > 0 ? (
        <Table withTableBorder maw={760}>
          <caption>Programme years and when their pupil data is deleted</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Programme year</Table.Th>
              <Table.Th scope="col">Ended</Table.Th>
              <Table.Th scope="col">Deleted on</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.years.map((y) => (
              <Table.Tr key={y.programmeYearId}>
                <Table.Th scope="row" fw={400}>
                  {y.academicYear}
                </Table.Th>
                <Table.Td>{formatDate(y.endsOn)}</Table.Td>
                <Table.Td>{formatDate(y.deletionDate)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS[y.status].color} variant="light">
                    {STATUS[y.status].label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
