import { Loader, Stack, Text, Title } from "@mantine/core";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useEnrolmentVisits } from "./api/visits.ts";
import { VisitsTable } from "./visits-table.tsx";

/** My school: the programme lead's visits to the school, past and booked. */
export function SchoolVisits({ enrolmentId }: { enrolmentId: string }) {
  const visits = useEnrolmentVisits(enrolmentId);
  // `canRespond` is the server's own rule (the school's leaders answer its visits).
  const waiting = (visits.data ?? []).filter(
    (v) => v.canRespond && !v.leaderResponse && (v.strengths || v.challenges || v.questions),
  ).length;
  return (
    <Stack gap="sm" component="section" aria-labelledby="school-visits-title">
      <Title order={2} size="h3" id="school-visits-title">
        Visits from the programme lead
      </Title>
      <ProblemAlert error={visits.error} title="The visits could not be loaded" />
      {visits.isPending ? <Loader role="status" size="sm" aria-label="Loading the visits" /> : null}
      {visits.data?.length === 0 ? (
        <Text size="sm">
          No visits yet. Your programme lead books a visit to the team during the year.
        </Text>
      ) : null}
      {waiting > 0 ? (
        <Text size="sm" fw={600}>
          {waiting === 1 ? "One visit is" : `${waiting} visits are`} waiting for your response: open
          it to reply.
        </Text>
      ) : null}
      {visits.data && visits.data.length > 0 ? (
        <VisitsTable visits={visits.data} label="Visits to the school" />
      ) : null}
    </Stack>
  );
}
