import {
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useMemo, useState } from "react";
import type { Strategy } from "../../../contracts/strategies.ts";
import { displayNameOf, firstNameOf } from "../../../domain/pupil-name.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YearGroupFilter, yearLabel } from "../../components/year-options.tsx";
import { useCohort } from "../../lib/api/cohort.ts";
import { usePupils } from "../../lib/api/pupils.ts";
import { useSetParticipants } from "./api/strategies.ts";

type Show = "all" | "cohort" | "disadvantaged" | "chosen";

const ON_ROLL = { search: "", yearGroup: null, disadvantaged: null, includeLeft: false } as const;

/** Chooses the participants from the school's pupils, with the target cohort one click away. */
export function ParticipantsPicker({
  strategy,
  onClose,
}: {
  strategy: Strategy;
  onClose: () => void;
}) {
  const pupils = usePupils(strategy.schoolId, ON_ROLL);
  const cohort = useCohort(strategy.schoolId);
  const save = useSetParticipants(strategy.id);
  const [chosen, setChosen] = useState(() => new Set(strategy.participants.map((p) => p.pupilId)));
  const [search, setSearch] = useState("");
  const [yearGroup, setYearGroup] = useState<string | null>(null);
  const [show, setShow] = useState<Show>("all");
  const cohortIds = useMemo(
    () => new Set((cohort.data?.members ?? []).map((m) => m.pupilId)),
    [cohort.data],
  );

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (pupils.data?.items ?? [])
      .map((p) => ({
        id: p.id,
        name: displayNameOf(p),
        sortName: `${p.lastName} ${firstNameOf(p)}`,
        yearGroup: p.yearGroup,
        disadvantaged: p.disadvantaged,
        inCohort: cohortIds.has(p.id),
      }))
      .filter(
        (p) =>
          (!needle || p.name.toLowerCase().includes(needle)) &&
          (!yearGroup || p.yearGroup === yearGroup) &&
          (show === "all" ||
            (show === "cohort" && p.inCohort) ||
            (show === "disadvantaged" && p.disadvantaged) ||
            (show === "chosen" && chosen.has(p.id))),
      )
      .sort((a, b) => a.sortName.localeCompare(b.sortName));
  }, [pupils.data, cohortIds, search, yearGroup, show, chosen]);

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShown = rows.length > 0 && rows.every((r) => chosen.has(r.id));
  const someShown = rows.some((r) => chosen.has(r.id));
  const setShown = (on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const r of rows) {
        if (on) next.add(r.id);
        else next.delete(r.id);
      }
      return next;
    });

  return (
    <Modal opened onClose={onClose} title="Choose the participants" size="xl">
      <Stack gap="sm">
        <Text size="sm">
          Tick the pupils who take part. Evaluations compare them with other pupils in the same year
          groups.
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Search by name"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={200}
          />
          <YearGroupFilter value={yearGroup} onChange={setYearGroup} />
          <Button
            variant="default"
            disabled={cohortIds.size === 0}
            onClick={() => setChosen((current) => new Set([...current, ...cohortIds]))}
          >
            Add the whole cohort ({cohortIds.size})
          </Button>
        </Group>
        <SegmentedControl
          aria-label="Which pupils to list"
          value={show}
          onChange={(v) => setShow(v as Show)}
          data={[
            { value: "all", label: "All pupils" },
            { value: "cohort", label: "Target cohort" },
            { value: "disadvantaged", label: "Disadvantaged" },
            { value: "chosen", label: `Chosen (${chosen.size})` },
          ]}
        />
        <ProblemAlert error={pupils.error} title="The pupils could not be loaded" />
        {pupils.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the pupils" />
        ) : null}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="scroll-region" aria-label="Pupils to choose from" tabIndex={0}>
          <Table stickyHeader verticalSpacing={4} fz="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={48}>
                  <Checkbox
                    aria-label="Choose every pupil listed"
                    checked={allShown}
                    indeterminate={someShown && !allShown}
                    onChange={(e) => setShown(e.currentTarget.checked)}
                    disabled={rows.length === 0}
                  />
                </Table.Th>
                <Table.Th scope="col">Pupil</Table.Th>
                <Table.Th scope="col">Year</Table.Th>
                <Table.Th scope="col">Disadvantaged</Table.Th>
                <Table.Th scope="col">Target cohort</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pupils.data && rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>No pupil matches.</Table.Td>
                </Table.Tr>
              ) : null}
              {rows.map((p) => (
                <Table.Tr key={p.id} data-chosen={chosen.has(p.id) || undefined}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Choose ${p.name}`}
                      checked={chosen.has(p.id)}
                      onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{yearLabel(p.yearGroup)}</Table.Td>
                  <Table.Td>{p.disadvantaged ? "Yes" : "No"}</Table.Td>
                  <Table.Td>{p.inCohort ? "In the cohort" : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
        <ProblemAlert error={save.error} title="The participants were not saved" />
        <Group justify="space-between">
          <Text size="sm" role="status">
            {chosen.size === 1 ? "1 pupil chosen" : `${chosen.size} pupils chosen`}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              loading={save.isPending}
              onClick={() => save.mutate([...chosen], { onSuccess: onClose })}
            >
              Save participants
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
