import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { Me } from "../../../contracts/auth.ts";
import { ROLE_LABELS } from "../../../contracts/roles.ts";

const SCOPE_LABELS = { network: "Network", cluster: "Cluster", school: "School" } as const;

export function Memberships({
  memberships,
  pending = [],
}: {
  memberships: Me["memberships"];
  pending?: Me["memberships"];
}) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Your memberships
      </Title>
      {pending.length > 0 ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {pending.map((m) => (
            <Card key={`pending-${m.role}-${m.scopeId ?? "network"}`} withBorder padding="md">
              <Group justify="space-between" mb={4}>
                <Text fw={600}>{ROLE_LABELS[m.role]}</Text>
                <Badge variant="outline" color="dark">
                  Waiting for approval
                </Badge>
              </Group>
              <Text c="dimmed" size="sm">
                {m.scopeName}
              </Text>
              <Text size="sm" mt={4}>
                This role opens nothing until a school leader or another network administrator
                approves it.
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      ) : null}
      {memberships.length === 0 && pending.length > 0 ? null : memberships.length === 0 ? (
        <Card withBorder padding="lg">
          <Text>
            You have no role yet. A network administrator, programme lead or school leader can give
            you one by inviting this email address.
          </Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {memberships.map((m) => (
            <Card key={`${m.role}-${m.scopeId ?? "network"}`} withBorder padding="md">
              <Group justify="space-between" mb={4}>
                <Text fw={600}>{ROLE_LABELS[m.role]}</Text>
                <Badge variant="light" color="teal">
                  {SCOPE_LABELS[m.scopeType]}
                </Badge>
              </Group>
              <Text c="dimmed" size="sm">
                {m.scopeName}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
