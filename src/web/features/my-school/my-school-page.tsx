import { Card, Loader, SimpleGrid, Stack, Text } from "@mantine/core";
import { PHASE_LABELS } from "../../../contracts/network.ts";
import { MySchoolNav } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { CompositionStatus } from "../../components/composition.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useEnrolment, useMyEnrolments } from "../../lib/api/enrolments.ts";
import { useTeam } from "../../lib/api/team.ts";
import { SchoolContext } from "./school-context.tsx";
import { TeamSection } from "./team-section.tsx";

/** My school: straight to the school's enrolment, or a choice when there are several. */
export function MySchoolPage() {
  const enrolments = useMyEnrolments();
  if (enrolments.isPending)
    return <Loader role="status" size="sm" aria-label="Loading your school" />;
  const items = enrolments.data ?? [];
  if (items.length === 1 && items[0]) return <EnrolmentPage enrolmentId={items[0].id} />;
  return (
    <>
      <MySchoolNav />
      <PageHeader title="My school" />
      <ProblemAlert error={enrolments.error} />
      {items.length === 0 && !enrolments.error ? (
        <EmptyNote
          action={
            <AnchorLink to="/" size="sm" fw={600}>
              Back to your home page
            </AnchorLink>
          }
        >
          Your school is not enrolled in a programme year yet. A network administrator enrols
          schools in a cluster; your programme lead can tell you when.
        </EmptyNote>
      ) : null}
      {items.length > 1 ? (
        <Stack gap="sm">
          <Text>You work with more than one school or year. Choose one:</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {items.map((e) => (
              <Card key={e.id} withBorder padding="md">
                <Stack gap={4}>
                  <AnchorLink to="/my-school/$enrolmentId" params={{ enrolmentId: e.id }} fw={700}>
                    {e.schoolName} · {e.academicYear}
                  </AnchorLink>
                  <Text size="sm">
                    {e.programmeName} · cluster {e.clusterName}
                  </Text>
                  <CompositionStatus composition={e.composition} withSummary={false} />
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
    </>
  );
}

/** One school's year on the programme: its cluster, its trio and its team. */
export function EnrolmentPage({ enrolmentId }: { enrolmentId: string }) {
  const enrolment = useEnrolment(enrolmentId);
  const team = useTeam(enrolmentId);
  if (enrolment.isPending)
    return <Loader role="status" size="sm" aria-label="Loading your school" />;
  if (enrolment.error) {
    return (
      <>
        <PageHeader title="My school" />
        <ProblemAlert error={enrolment.error} title="This school's year cannot be shown" />
      </>
    );
  }
  const e = enrolment.data;
  return (
    <>
      <MySchoolNav />
      <PageHeader
        title={e.school.name}
        intro={`${PHASE_LABELS[e.school.phase]} · ${e.school.shortCode} · ${e.programmeYear.programmeName} ${e.programmeYear.academicYear}`}
      />
      <Stack gap="xl">
        <SchoolContext enrolment={e} />
        <ProblemAlert error={team.error} title="The team could not be loaded" />
        {team.isPending ? <Loader role="status" size="sm" aria-label="Loading the team" /> : null}
        {team.data ? (
          <TeamSection
            team={team.data}
            schoolId={e.school.id}
            academicYear={e.programmeYear.academicYear}
          />
        ) : null}
      </Stack>
    </>
  );
}
