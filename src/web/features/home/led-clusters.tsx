import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { StatusMark } from "../../components/composition.tsx";
import type { Dashboard } from "../../lib/api/dashboard.ts";

/** A programme lead's clusters: schools, trios, and how many teams meet the guidance. */
export function LedClusters({ clusters }: { clusters: Dashboard["clusters"] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Your clusters
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {clusters.map((cluster) => {
          const allMeet =
            cluster.schoolCount > 0 && cluster.teamsMeetingGuidance === cluster.schoolCount;
          return (
            <Card key={cluster.id} withBorder padding="md">
              <Stack gap={6}>
                <AnchorLink
                  to="/clusters/$clusterId"
                  params={{ clusterId: cluster.id }}
                  fw={700}
                  size="lg"
                >
                  {cluster.name}
                </AnchorLink>
                <Text size="sm" c="dimmed">
                  {cluster.programmeName} {cluster.academicYear} · facilitated by{" "}
                  {cluster.facilitationSchool.name}
                </Text>
                <Text size="sm">
                  {cluster.schoolCount} {cluster.schoolCount === 1 ? "school" : "schools"} ·{" "}
                  {cluster.trioCount} {cluster.trioCount === 1 ? "trio" : "trios"}
                </Text>
                {cluster.schoolCount === 0 ? (
                  <Text size="sm">
                    No schools are enrolled yet: a network administrator enrols them.
                  </Text>
                ) : (
                  <Group gap={6} wrap="nowrap">
                    <StatusMark ok={allMeet} label={null} />
                    <Text size="sm">
                      {cluster.teamsMeetingGuidance} of {cluster.schoolCount} teams meet the
                      programme's guidance
                    </Text>
                  </Group>
                )}
                {cluster.schoolCount > 0 ? (
                  <AnchorLink
                    to="/matrix"
                    search={{ view: "cluster", clusterId: cluster.id }}
                    size="sm"
                    fw={600}
                  >
                    Open the matrix for {cluster.name}
                  </AnchorLink>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
