import { Card, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { ClusterDetail } from "../../../contracts/network.ts";
import { StatusMark } from "../../components/composition.tsx";
import { ProgrammeLeads } from "./cluster-list.tsx";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {label}
      </Text>
      {typeof children === "string" ? <Text size="sm">{children}</Text> : children}
    </Stack>
  );
}

export function ClusterSummaryCard({ cluster }: { cluster: ClusterDetail }) {
  const meeting = cluster.enrolments.filter((e) => e.composition.meets).length;
  const total = cluster.enrolments.length;
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="md">
        <Fact label="Programme year">{`${cluster.programmeName} ${cluster.academicYear}`}</Fact>
        <Fact label="Facilitation school">{cluster.facilitationSchool.name}</Fact>
        <Fact label="Programme leads">
          <ProgrammeLeads leads={cluster.programmeLeads} />
        </Fact>
        <Fact label="Schools and trios">
          {`${total} ${total === 1 ? "school" : "schools"} · ${cluster.trios.length} ${cluster.trios.length === 1 ? "trio" : "trios"}`}
        </Fact>
        <Fact label="Teams">
          {total === 0 ? (
            <Text size="sm">No schools enrolled yet</Text>
          ) : (
            <Text size="sm">
              <StatusMark ok={meeting === total} label={null} />
              {meeting} of {total} teams meet the programme's guidance
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Card>
  );
}
