import { Button, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { Strategy } from "../../../contracts/strategies.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { yearLabel } from "../../components/year-options.tsx";
import { ParticipantsPicker } from "./participants-picker.tsx";

/** Who takes part: from the cohort or any pupils of the school; leaders choose. */
export function ParticipantsSection({ strategy }: { strategy: Strategy }) {
  const [picking, { open, close }] = useDisclosure(false);
  const participants = strategy.participants;
  const inCohort = participants.filter((p) => p.inCohort).length;
  const disadvantaged = participants.filter((p) => p.disadvantaged).length;
  // Null: the reader is not shown who is disadvantaged, or who is in the cohort.
  const flagsShown = participants.every((p) => p.disadvantaged !== null);
  const cohortShown = participants.every((p) => p.inCohort !== null);
  const summary = [
    cohortShown ? `${inCohort} of ${participants.length} in the target cohort` : null,
    flagsShown ? `${disadvantaged} disadvantaged` : null,
    strategy.abilities.manageParticipants ? null : "the school's leaders choose the participants",
  ].filter(Boolean);
  const choose = strategy.abilities.manageParticipants ? (
    <Button variant={participants.length ? "default" : "filled"} onClick={open}>
      {participants.length ? "Change participants" : "Choose participants"}
    </Button>
  ) : null;
  return (
    <SectionCard
      id="participants"
      title={`Participants (${participants.length})`}
      actions={participants.length ? choose : null}
    >
      {participants.length === 0 ? (
        <EmptyNote action={choose}>
          {strategy.abilities.manageParticipants
            ? "No pupils take part yet — choose them from the target cohort or from any pupils of the school."
            : "No pupils take part yet. The school's leaders choose the participants."}
        </EmptyNote>
      ) : (
        <Stack gap="xs">
          <Text size="sm">{summary.join(" · ")}</Text>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <section className="scroll-region" aria-label="Participants" tabIndex={0}>
            <Table striped stickyHeader verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Pupil</Table.Th>
                  <Table.Th scope="col">Year</Table.Th>
                  {flagsShown ? <Table.Th scope="col">Disadvantaged</Table.Th> : null}
                  {cohortShown ? <Table.Th scope="col">Target cohort</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {participants.map((p) => (
                  <Table.Tr key={p.pupilId} data-testid="participant-row">
                    <Table.Th scope="row" fw={500}>
                      {p.name}
                    </Table.Th>
                    <Table.Td>{yearLabel(p.yearGroup)}</Table.Td>
                    {flagsShown ? <Table.Td>{p.disadvantaged ? "Yes" : "No"}</Table.Td> : null}
                    {cohortShown ? <Table.Td>{p.inCohort ? "In the cohort" : "—"}</Table.Td> : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        </Stack>
      )}
      {picking ? <ParticipantsPicker strategy={strategy} onClose={close} /> : null}
    </SectionCard>
  );
}
