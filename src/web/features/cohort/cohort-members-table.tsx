import { Table, Text } from "@mantine/core";
import type { Cohort } from "../../../contracts/cohort.ts";
import { changeText } from "../../lib/change-text.ts";
import { formatDate } from "../../lib/format.ts";
import "./cohort.css";

type Measure = Cohort["members"][number]["measures"][number];

function MeasureCell({ measure }: { measure: Measure | undefined }) {
  if (!measure?.latest) return <Text size="sm">—</Text>;
  const verdict = measure.better === null ? "" : measure.better ? " · better" : " · worse";
  return (
    <>
      <Text size="sm" fw={700}>
        {measure.latest}
      </Text>
      <Text size="xs" className={measure.better === false ? "change-worse" : undefined}>
        {changeText(measure.change)}
        {verdict}
      </Text>
      {measure.atJoining && measure.change !== 0 ? (
        <Text size="xs" c="dimmed">
          was {measure.atJoining}
        </Text>
      ) : null}
    </>
  );
}

/** Each cohort pupil's latest value of every measure and the change since they joined. */
export function CohortMembersTable({ cohort }: { cohort: Cohort }) {
  const measures = cohort.members[0]?.measures.map((m) => ({ key: m.key, name: m.name })) ?? [];
  const latestPoint = cohort.members
    .flatMap((m) => m.measures.map((x) => x.latestPoint))
    .find((p) => p !== null);
  return (
    <section
      className="cohort-table-region"
      aria-label="Cohort pupils (scrolls sideways)"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      <Table
        miw={320 + measures.length * 120}
        striped
        verticalSpacing="xs"
        aria-label={`Cohort pupils${latestPoint ? `, latest values (${latestPoint})` : ""} and change since joining`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Pupil</Table.Th>
            <Table.Th>Pseudonym</Table.Th>
            <Table.Th>Year</Table.Th>
            <Table.Th>Joined</Table.Th>
            {measures.map((m) => (
              <Table.Th key={m.key} fz="xs">
                {m.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cohort.members.map((member) => (
            <Table.Tr key={member.pupilId} data-testid="cohort-member" data-pupil={member.pupilId}>
              <Table.Td fw={600}>{member.name}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {member.pseudonym ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>{member.yearGroup}</Table.Td>
              <Table.Td>{formatDate(member.joinedOn)}</Table.Td>
              {measures.map((m) => (
                <Table.Td key={m.key}>
                  <MeasureCell measure={member.measures.find((x) => x.key === m.key)} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
