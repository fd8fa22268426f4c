import { Card, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { Enrolment } from "../../../contracts/network.ts";
import { TrioSchools } from "../../components/trio-schools.tsx";

/** Where the school sits this year: its cluster's schools and its trio, by name. */
export function SchoolContext({ enrolment }: { enrolment: Enrolment }) {
  const { cluster, trio, school } = enrolment;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Cluster {cluster.name}
          </Title>
          <Text size="sm">
            Facilitation school: <strong>{cluster.facilitationSchool.name}</strong>
          </Text>
          <Text size="sm" fw={600}>
            {cluster.schools.length} {cluster.schools.length === 1 ? "school" : "schools"}
          </Text>
          <List spacing={2} size="sm">
            {cluster.schools.map((s) => (
              <List.Item key={s.id}>
                {s.name}
                {s.id === school.id ? " (this school)" : ""}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {trio ? `Trio ${trio.name}` : "Trio"}
          </Title>
          {trio ? (
            <>
              <Text size="sm">
                {enrolment.trioRole === "lead"
                  ? "This school leads the trio."
                  : "This school is an accelerator school in the trio."}
              </Text>
              <TrioSchools schools={trio.schools} currentSchoolId={school.id} />
            </>
          ) : (
            <Text size="sm">
              Not in a trio yet. A network administrator forms trios within the cluster; your
              programme lead can tell you more.
            </Text>
          )}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
