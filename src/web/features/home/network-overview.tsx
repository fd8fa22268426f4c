import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import type { NetworkCounts } from "../../lib/api/dashboard.ts";

type AdminPage = "/admin/schools" | "/admin/programmes" | "/admin/clusters" | "/admin/users";

const COUNTS: Array<{ key: keyof NetworkCounts; label: string; to: AdminPage }> = [
  { key: "hubs", label: "Hubs", to: "/admin/schools" },
  { key: "schools", label: "Schools", to: "/admin/schools" },
  { key: "programmes", label: "Programmes", to: "/admin/programmes" },
  { key: "programmeYears", label: "Programme years", to: "/admin/programmes" },
  { key: "clusters", label: "Clusters", to: "/admin/clusters" },
  { key: "enrolments", label: "Enrolled schools", to: "/admin/clusters" },
  { key: "pendingInvitations", label: "Invitations waiting", to: "/admin/users" },
];

/** The first thing still missing for the network to run a programme year, if any. */
function nextStep(n: NetworkCounts): { text: string; to: AdminPage; action: string } | null {
  if (n.schools === 0)
    return { text: "No schools yet.", to: "/admin/schools", action: "Add or import schools" };
  if (n.programmes === 0)
    return {
      text: "No programme yet.",
      to: "/admin/programmes",
      action: "Create the programme",
    };
  if (n.programmeYears === 0)
    return {
      text: "No programme year is open.",
      to: "/admin/programmes",
      action: "Open a programme year",
    };
  if (n.clusters === 0)
    return { text: "No clusters yet.", to: "/admin/clusters", action: "Create a cluster" };
  if (n.enrolments === 0)
    return {
      text: "No school is enrolled yet.",
      to: "/admin/clusters",
      action: "Open a cluster to enrol schools",
    };
  return null;
}

export function NetworkOverview({ counts }: { counts: NetworkCounts }) {
  const next = nextStep(counts);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        The network
      </Title>
      {next ? (
        <EmptyNote
          action={
            <AnchorLink to={next.to} fw={600} size="sm">
              {next.action}
            </AnchorLink>
          }
        >
          {next.text}
        </EmptyNote>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4, xl: 7 }} spacing="sm">
        {COUNTS.map((item) => (
          <Card
            key={item.key}
            withBorder
            padding="sm"
            component={Link}
            to={item.to}
            className="stat-card"
          >
            <Text fz={26} fw={700} lh={1.1}>
              {counts[item.key]}
            </Text>
            <Text size="sm">{item.label}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
