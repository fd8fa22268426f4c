import { Alert, Checkbox, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ImportLeavers } from "../../../contracts/pupil-data.ts";
import { yearGroupLabel } from "../../../domain/pupil-fields.ts";
import { formatDate } from "../../lib/format.ts";
import type { ImportFlow } from "./use-import-flow.ts";

const pupilsWord = (n: number) => `${n} ${n === 1 ? "pupil" : "pupils"}`;

/** "Year 3", "Year 3 and Year 4", "Reception, Year 1 and Year 2". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The pupils on roll that a pupil list leaves out, in the year groups it holds:
 * "not in this file — mark as left?". Opt-in: nothing changes unless the box
 * is ticked, and then only with the import, on the date given.
 */
export function LeaversOffer({ flow, leavers }: { flow: ImportFlow; leavers: ImportLeavers }) {
  const inCohort = leavers.pupils.filter((p) => p.inCohort).length;
  const years = listOf(leavers.yearGroups.map(yearGroupLabel));
  const limits = leavers.notBefore
    ? `Today or earlier, and not before ${formatDate(leavers.notBefore.on)}: ${leavers.notBefore.because}.`
    : "Today or earlier.";
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} component="h3" m={0}>
        Not in this file — mark as left?
      </Text>
      <Text size="sm">
        {pupilsWord(leavers.count)} on roll in {years} {leavers.count === 1 ? "is" : "are"} not in
        this file (pupils are matched by UPN). Only the year groups this file holds are compared, so
        pupils in other year groups are left as they are. They stay on roll unless you tick the box
        below.
      </Text>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="scroll-region" aria-label="Pupils on roll not in this file" tabIndex={0}>
        <Table stickyHeader withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Pupil</Table.Th>
              <Table.Th>UPN</Table.Th>
              <Table.Th>Year group</Table.Th>
              <Table.Th>Target cohort</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leavers.pupils.map((p) => (
              <Table.Tr key={p.upn}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.upn}</Table.Td>
                <Table.Td>{yearGroupLabel(p.yearGroup)}</Table.Td>
                <Table.Td>{p.inCohort ? "In the cohort" : "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {leavers.pupils.length < leavers.count ? (
        <Text size="xs" c="dimmed">
          The first {leavers.pupils.length} of {leavers.count} are listed.
        </Text>
      ) : null}
      <Checkbox
        label={`Mark ${leavers.count === 1 ? "this pupil" : `these ${leavers.count} pupils`} as left`}
        description="With the import, all or nothing. Undoing the import puts them back on roll."
        checked={flow.markLeavers}
        onChange={(event) => flow.setMarkLeavers(event.currentTarget.checked)}
      />
      {flow.markLeavers ? (
        <>
          <TextInput
            type="date"
            label="Leaving date"
            description={limits}
            w={{ base: "100%", sm: 420 }}
            value={flow.leftOn}
            min={leavers.notBefore?.on}
            max={leavers.today}
            onChange={(event) => flow.setLeftOn(event.currentTarget.value)}
            error={flow.leftOnProblem}
            required
          />
          {inCohort > 0 ? (
            <Alert color="yellow" variant="light" title="Some are in the target cohort">
              {pupilsWord(inCohort)} of these {inCohort === 1 ? "is" : "are"} in the target cohort.
              Marking them as left does not take them out of it: change the cohort on the Cohort
              page.
            </Alert>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
