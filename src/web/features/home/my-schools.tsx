import { Badge, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { PHASE_LABELS } from "../../../contracts/network.ts";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { CompositionStatus } from "../../components/composition.tsx";
import { TrioSchools } from "../../components/trio-schools.tsx";
import type { Dashboard, DashboardEnrolment } from "../../lib/api/dashboard.ts";

/** School staff: each of their schools with its programme year, cluster, trio and team. */
export function MySchools({ schools }: { schools: Dashboard["schools"] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Your {schools.length === 1 ? "school" : "schools"}
      </Title>
      {schools.map(({ school, roles, enrolments }) => (
        <Card key={school.id} withBorder padding="md">
          <Group justify="space-between" align="flex-start" wrap="wrap" mb="xs">
            <Stack gap={2}>
              <Text fw={700} size="lg">
                {school.name}
              </Text>
              <Text size="sm" c="dimmed">
                {PHASE_LABELS[school.phase]} · {school.shortCode}
              </Text>
            </Stack>
            <Group gap={4}>
              {roles.map((role) => (
                <Badge key={role} variant="light" color="gray">
                  {ROLE_LABELS[role]}
                </Badge>
              ))}
            </Group>
          </Group>
          {enrolments.length === 0 ? (
            <Text size="sm">
              Not enrolled in a programme year yet. A network administrator enrols schools in a
              cluster; your programme lead can tell you when.
            </Text>
          ) : (
            <Stack gap="sm">
              {enrolments.map((enrolment) => (
                <EnrolmentSummary key={enrolment.id} enrolment={enrolment} schoolId={school.id} />
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function EnrolmentSummary({
  enrolment,
  schoolId,
}: {
  enrolment: DashboardEnrolment;
  schoolId: string;
}) {
  return (
    <>
      <Divider />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={6}>
          <Text size="sm">
            <strong>
              {enrolment.programmeName} {enrolment.academicYear}
            </strong>{" "}
            · cluster {enrolment.clusterName}
          </Text>
          {enrolment.trio ? (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                Trio {enrolment.trio.name}
              </Text>
              <TrioSchools schools={enrolment.trio.schools} currentSchoolId={schoolId} />
            </Stack>
          ) : (
            <Text size="sm">Not in a trio yet.</Text>
          )}
        </Stack>
        <Stack gap={6} align="flex-start">
          <Text size="sm" fw={600}>
            Team: {enrolment.teamSize} {enrolment.teamSize === 1 ? "member" : "members"}
          </Text>
          <CompositionStatus composition={enrolment.composition} />
          <AnchorLink
            to="/my-school/$enrolmentId"
            params={{ enrolmentId: enrolment.id }}
            size="sm"
            fw={600}
          >
            Open My school for {enrolment.academicYear}
          </AnchorLink>
          <AnchorLink to="/my-school/cohort" size="sm" fw={600}>
            Target cohort
          </AnchorLink>
          <AnchorLink to="/matrix" search={{ schoolId }} size="sm" fw={600}>
            Open the matrix
          </AnchorLink>
        </Stack>
      </SimpleGrid>
    </>
  );
}
