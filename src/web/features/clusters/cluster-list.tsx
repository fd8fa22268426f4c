import { Badge, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ClusterSummary } from "../../../contracts/network.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";

/** Clusters grouped by programme year, newest year first. */
export function ClusterList({ clusters }: { clusters: ClusterSummary[] }) {
  const groups = new Map<string, ClusterSummary[]>();
  for (const cluster of clusters) {
    const key = `${cluster.programmeName} ${cluster.academicYear}`;
    groups.set(key, [...(groups.get(key) ?? []), cluster]);
  }
  return (
    <Stack gap="lg">
      {[...groups.entries()].map(([year, items]) => (
        <Stack key={year} gap="xs">
          <Title order={3} size="h5">
            {year}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Cluster</Table.Th>
                  <Table.Th>Facilitation school</Table.Th>
                  <Table.Th>Programme leads</Table.Th>
                  <Table.Th>Schools</Table.Th>
                  <Table.Th>Trios</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((cluster) => (
                  <Table.Tr key={cluster.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/clusters/$clusterId"
                        params={{ clusterId: cluster.id }}
                        fw={600}
                        size="sm"
                      >
                        {cluster.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{cluster.facilitationSchool.name}</Table.Td>
                    <Table.Td>
                      <ProgrammeLeads leads={cluster.programmeLeads} />
                    </Table.Td>
                    <Table.Td>{cluster.schoolCount}</Table.Td>
                    <Table.Td>{cluster.trioCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
    </Stack>
  );
}

export function ProgrammeLeads({ leads }: { leads: ClusterSummary["programmeLeads"] }) {
  if (leads.length === 0) return <Text size="sm">None yet</Text>;
  return (
    <Stack gap={2}>
      {leads.map((lead) => (
        <Group key={lead.email} gap={6} wrap="wrap">
          <Text size="sm">{lead.name}</Text>
          {lead.pending ? (
            <Badge size="sm" variant="light" color="blue">
              Invitation pending
            </Badge>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}
