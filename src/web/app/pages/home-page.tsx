import { Loader, SimpleGrid, Stack } from "@mantine/core";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { OverdueActionsCard } from "../../features/actions/overdue-actions-card.tsx";
import { WhatsNextCard } from "../../features/calendar/whats-next-card.tsx";
import { LeadWeekSection } from "../../features/home/lead-week.tsx";
import { LedClusters } from "../../features/home/led-clusters.tsx";
import { Memberships } from "../../features/home/memberships.tsx";
import { MySchools } from "../../features/home/my-schools.tsx";
import { NetworkOverview } from "../../features/home/network-overview.tsx";
import { useDashboard } from "../../lib/api/dashboard.ts";
import { useMe } from "../get-me.ts";

/** What each person's roles open to them: the network, the clusters they lead, their schools. */
export function HomePage() {
  const { data: me } = useMe();
  const dashboard = useDashboard();
  if (!me) return null;
  const data = dashboard.data;
  const leads = me.clusters.length > 0;
  // School staff: each school's newest enrolment, whose overdue actions the home page shows.
  const teamEnrolments = (data?.schools ?? []).flatMap(({ school, enrolments }) =>
    enrolments[0] ? [{ id: enrolments[0].id, schoolName: school.name }] : [],
  );
  return (
    <>
      <PageHeader title={`Welcome, ${me.name.split(" ")[0]}`} intro={`Signed in as ${me.email}`} />
      <Stack gap="xl">
        <ProblemAlert error={dashboard.error} title="Your overview could not be loaded" />
        {dashboard.isPending && me.memberships.length > 0 ? (
          <Loader role="status" size="sm" aria-label="Loading your overview" />
        ) : null}
        {me.memberships.length > 0 ? (
          <SimpleGrid cols={{ base: 1, lg: teamEnrolments.length > 0 ? 2 : 1 }} spacing="md">
            <WhatsNextCard />
            {teamEnrolments.length > 0 ? <OverdueActionsCard enrolments={teamEnrolments} /> : null}
          </SimpleGrid>
        ) : null}
        {leads ? <LeadWeekSection /> : null}
        {data?.network ? <NetworkOverview counts={data.network} /> : null}
        {data && data.clusters.length > 0 ? <LedClusters clusters={data.clusters} /> : null}
        {data && data.schools.length > 0 ? <MySchools schools={data.schools} /> : null}
        <Memberships memberships={me.memberships} pending={me.pendingMemberships} />
      </Stack>
    </>
  );
}
