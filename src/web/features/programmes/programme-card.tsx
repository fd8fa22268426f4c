import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { Programme } from "../../../contracts/network.ts";
import { monthName } from "../../lib/format.ts";

/** A programme: its themes and its plan of workshops through the year. */
export function ProgrammeCard({ programme }: { programme: Programme }) {
  const themeName = (id: string | null) => programme.themes.find((t) => t.id === id)?.name ?? "—";
  const workshops = [...programme.workshops].sort((a, b) => a.position - b.position);
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} size="h3">
              {programme.name}
            </Title>
            {programme.templateKey ? (
              <Badge variant="light" color="gray">
                From the built-in template
              </Badge>
            ) : null}
          </Group>
          {programme.description ? <Text size="sm">{programme.description}</Text> : null}
          <Text size="sm" c="dimmed">
            {programme.years.length === 0
              ? "No programme year open yet."
              : `Years: ${programme.years.map((y) => y.academicYear).join(", ")}`}
          </Text>
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h5">
            Themes
          </Title>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            {programme.themes.map((theme) => (
              <Card key={theme.id} withBorder padding="sm" bg="gray.0">
                <Text fw={600} size="sm">
                  {theme.name}
                </Text>
                <Text size="sm">{theme.description}</Text>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h5">
            Workshop plan ({workshops.length} workshops)
          </Title>
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>#</Table.Th>
                  <Table.Th w={110}>Month</Table.Th>
                  <Table.Th>Workshop</Table.Th>
                  <Table.Th>Focus</Table.Th>
                  <Table.Th>Theme</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workshops.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>{w.position}</Table.Td>
                    <Table.Td>{monthName(w.month)}</Table.Td>
                    <Table.Td>{w.title}</Table.Td>
                    <Table.Td>{w.focus}</Table.Td>
                    <Table.Td>{themeName(w.themeId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Stack>
    </Card>
  );
}
