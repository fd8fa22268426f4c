import { Badge, Checkbox, List, Table, Text } from "@mantine/core";
import type { Candidates } from "../../../contracts/cohort.ts";
import { yearLabel } from "../../components/year-options.tsx";

type Candidate = Candidates["candidates"][number];

export const STATUS_LABELS = { proposed: "Proposed", "held-back": "Held back" } as const;

/** The ranked pupils with their status, score and reasons; checkboxes for the school's leaders. */
export function CandidatesTable({
  rows,
  rank,
  chosen,
  canChoose,
  onToggle,
}: {
  rows: Candidate[];
  rank: Map<string, number>;
  chosen: Set<string>;
  canChoose: boolean;
  onToggle: (pupilId: string) => void;
}) {
  return (
    <Table striped stickyHeader stickyHeaderOffset={56} aria-label="Candidates for the cohort">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>{canChoose ? "Choose" : "In cohort"}</Table.Th>
          <Table.Th w={60}>Rank</Table.Th>
          <Table.Th>Pupil</Table.Th>
          <Table.Th w={60}>Year</Table.Th>
          <Table.Th w={110}>Status</Table.Th>
          <Table.Th w={70}>Score</Table.Th>
          <Table.Th>Reasons</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={7}>
              <Text size="sm">No pupils match these filters. Choose "All" to see every pupil.</Text>
            </Table.Td>
          </Table.Tr>
        ) : null}
        {rows.map((c) => (
          <Table.Tr key={c.pupilId} data-testid="candidate-row" data-pupil={c.pupilId}>
            <Table.Td>
              {canChoose ? (
                <Checkbox
                  aria-label={`Choose ${c.name}, ${yearLabel(c.yearGroup)}`}
                  checked={chosen.has(c.pupilId)}
                  onChange={() => onToggle(c.pupilId)}
                />
              ) : (
                <Text size="sm">{c.inCohort ? "✓ Yes" : "No"}</Text>
              )}
            </Table.Td>
            <Table.Td>{rank.get(c.pupilId)}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={600}>
                {c.name}
              </Text>
              {c.inCohort ? (
                <Text size="xs" c="dimmed">
                  In the cohort now
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{c.yearGroup}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={c.status === "proposed" ? "teal" : "gray"}>
                {STATUS_LABELS[c.status]}
              </Badge>
            </Table.Td>
            <Table.Td fw={700}>{c.score}</Table.Td>
            <Table.Td>
              <List size="sm" spacing={2}>
                {c.reasons.map((r) => (
                  <List.Item key={r.code}>
                    {r.text}{" "}
                    <Text span size="sm" fw={700}>{`(${r.points > 0 ? "+" : ""}${r.points})`}</Text>
                  </List.Item>
                ))}
              </List>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
