import { Card, Group, Loader, Select, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useClusters } from "../../lib/api/clusters.ts";
import { useProgrammeYearOptions } from "./api/lookups.ts";
import { ClusterList } from "./cluster-list.tsx";
import { CreateClusterForm } from "./create-cluster-form.tsx";

/** Admin · Clusters: every cluster by programme year, and creating one. */
export function ClustersPage() {
  const years = useProgrammeYearOptions();
  const [yearId, setYearId] = useState<string | null>(null);
  const clusters = useClusters(yearId);
  const yearItems = years.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Clusters"
        intro="The schools that work together in a programme year, each led by a facilitation school and a programme lead."
      />
      <Stack gap="xl">
        <ProblemAlert error={years.error ?? clusters.error} />
        {years.data && yearItems.length === 0 ? (
          <EmptyNote
            action={
              <AnchorLink to="/admin/programmes" fw={600} size="sm">
                Open a programme year
              </AnchorLink>
            }
          >
            Clusters belong to a programme year, and none is open yet.
          </EmptyNote>
        ) : null}
        {yearItems.length > 0 ? (
          <Card withBorder padding="lg">
            <CreateClusterForm years={yearItems} />
          </Card>
        ) : null}
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Title order={2} size="h4">
              Clusters by programme year
            </Title>
            {yearItems.length > 1 ? (
              <Select
                aria-label="Programme year"
                placeholder="All programme years"
                data={yearItems.map((y) => ({
                  value: y.id,
                  label: `${y.programmeName} ${y.academicYear}`,
                }))}
                value={yearId}
                onChange={setYearId}
                clearable
                w={280}
              />
            ) : null}
          </Group>
          {clusters.isPending ? (
            <Loader role="status" size="sm" aria-label="Loading clusters" />
          ) : null}
          {clusters.data?.items.length === 0 && yearItems.length > 0 ? (
            <EmptyNote>
              No clusters {yearId ? "in this programme year" : "yet"}. Create one above: give it a
              name, a facilitation school and its programme lead.
            </EmptyNote>
          ) : null}
          {clusters.data && clusters.data.items.length > 0 ? (
            <ClusterList clusters={clusters.data.items} />
          ) : null}
        </Stack>
      </Stack>
    </>
  );
}

/** My cluster, for a programme lead of several: the clusters they lead. */
export function MyClustersPage() {
  const clusters = useClusters();
  return (
    <>
      <PageHeader title="My clusters" intro="The clusters you lead as programme lead." />
      <ProblemAlert error={clusters.error} />
      {clusters.isPending ? <Loader role="status" size="sm" aria-label="Loading clusters" /> : null}
      {clusters.data?.items.length === 0 ? (
        <EmptyNote>
          You lead no cluster at the moment. A network administrator makes programme leads when
          creating a cluster.
        </EmptyNote>
      ) : null}
      {clusters.data && clusters.data.items.length > 0 ? (
        <ClusterList clusters={clusters.data.items} />
      ) : null}
    </>
  );
}
