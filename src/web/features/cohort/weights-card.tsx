import { Card, Stack, Table, Text, Title } from "@mantine/core";
import type { Candidates } from "../../../contracts/cohort.ts";

/** How the finder ranks pupils, in the server's own words: the weights are never hidden. */
export function WeightsCard({ data }: { data: Candidates }) {
  const { latestPoint, previousPoint, weights, target } = data;
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          How pupils are ranked
        </Title>
        <Text size="sm">
          Each criterion a pupil meets adds its points; the highest scores come first. About{" "}
          {target} pupils is the aim.{" "}
          {latestPoint
            ? `The data used is from ${latestPoint.label}${previousPoint ? `, with progress since ${previousPoint.label}` : ""}.`
            : "No assessment point has data yet, so attainment cannot be judged."}
        </Text>
        <Table withRowBorders={false} verticalSpacing={4} aria-label="Weights of the criteria">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Points</Table.Th>
              <Table.Th>Criterion</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weights.map((w) => (
              <Table.Tr key={w.code}>
                <Table.Td fw={700}>{w.points > 0 ? `+${w.points}` : w.points}</Table.Td>
                <Table.Td>{w.text}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
