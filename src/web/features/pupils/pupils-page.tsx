import {
  Alert,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Pupil } from "../../../contracts/pupil-data.ts";
import { listNameOf } from "../../../domain/pupil-name.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YearGroupFilter } from "../../components/year-options.tsx";
import { type PupilFilters, usePupils } from "../../lib/api/pupils.ts";
import { useParaAccess } from "./api/para-access.ts";
import { ParaAccessCard } from "./para-access-card.tsx";
import { DisadvantagedText, FlagBadges, SenText } from "./pupil-flags.tsx";
import { SortHeader, type SortState, sortPupils } from "./sort-pupils.tsx";

const PAGE_SIZE = 50;
const DISADVANTAGED_OPTIONS = [
  { value: "true", label: "Disadvantaged" },
  { value: "false", label: "Not disadvantaged" },
];

export function PupilsPage({ erased = false }: { erased?: boolean }) {
  const navigate = useNavigate();
  return (
    <SchoolDataPage
      title="Pupils"
      intro="The school's pupils, as imported from your MIS. Open a pupil to see their data over time."
    >
      {(school) => (
        <Stack gap="sm">
          {erased ? (
            <Alert
              color="teal"
              variant="light"
              role="status"
              title="The pupil was erased"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => void navigate({ to: "/my-school/pupils", search: {}, replace: true })}
            >
              Their record, values, history and places in the cohort and strategies are gone from
              Cascade. Figures already shared across the network stay, without names.
            </Alert>
          ) : null}
          <PupilList school={school} />
        </Stack>
      )}
    </SchoolDataPage>
  );
}

function PupilList({ school }: { school: CurrentSchool }) {
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [yearGroup, setYearGroup] = useState<string | null>(null);
  const [disadvantaged, setDisadvantaged] = useState<PupilFilters["disadvantaged"]>(null);
  const [includeLeft, setIncludeLeft] = useState(false);
  const [sort, setSort] = useState<SortState>({ key: "name", direction: "ascending" });
  const [page, setPage] = useState(1);
  const filters = { search: debounced, yearGroup, disadvantaged, includeLeft };
  const pupils = usePupils(school.id, filters);
  const access = useParaAccess(school.id);
  // Until the server says what this reader sees, offer nothing that reads the poverty flags.
  const flagsShown = access.data?.reader.povertyFlags ?? false;
  const sorted = useMemo(() => sortPupils(pupils.data?.items ?? [], sort), [pupils.data, sort]);
  const total = sorted.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = Boolean(debounced || yearGroup || disadvantaged || includeLeft);
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  if (pupils.isPending || access.isPending)
    return <Loader role="status" size="sm" aria-label="Loading pupils" />;
  if (!filtered && pupils.data?.total === 0 && access.data && !access.data.reader.allPupils) {
    return (
      <EmptyNote>
        No pupils to show yet. You see the pupils you work with: the target cohort once you are on
        the programme team, and the pupils of strategies you deliver. Ask a school leader if you
        need more.
      </EmptyNote>
    );
  }
  if (!filtered && pupils.data?.total === 0) {
    return (
      <EmptyNote
        action={
          school.abilities.importData ? (
            <AnchorLink to="/my-school/imports" size="sm" fw={600}>
              Import the pupil list
            </AnchorLink>
          ) : null
        }
      >
        {school.abilities.importData
          ? "No pupils yet. Import the pupil list exported from your MIS (SIMS, Arbor, Bromcom…) to start."
          : "No pupils yet. The school's leaders import the pupil list from the MIS."}
      </EmptyNote>
    );
  }

  return (
    <Stack gap="sm">
      {access.data ? <ParaAccessCard schoolId={school.id} access={access.data} /> : null}
      <ProblemAlert error={access.error} title="What you may see could not be read" />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or UPN"
          value={search}
          onChange={(e) => reset(setSearch)(e.currentTarget.value)}
          w={240}
        />
        <YearGroupFilter value={yearGroup} onChange={reset(setYearGroup)} />
        {flagsShown ? (
          <Select
            label="Disadvantaged"
            placeholder="All pupils"
            data={DISADVANTAGED_OPTIONS}
            value={disadvantaged}
            onChange={(v) => reset(setDisadvantaged)(v as PupilFilters["disadvantaged"])}
            clearable
            w={190}
          />
        ) : null}
        <Switch
          label="Include pupils who have left"
          checked={includeLeft}
          onChange={(e) => reset(setIncludeLeft)(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <ProblemAlert error={pupils.error} title="The pupils could not be loaded" />
      <Text size="sm" role="status">
        {total === 1 ? "1 pupil" : `${total} pupils`}
        {filtered ? " match" : ""}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </Text>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="data-table-region" aria-label="Pupils" tabIndex={0}>
        <Table striped highlightOnHover stickyHeader miw={860}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader label="UPN" column="upn" sort={sort} onSort={setSort} />
              <SortHeader label="Name" column="name" sort={sort} onSort={setSort} />
              <SortHeader label="Year" column="year" sort={sort} onSort={setSort} />
              <Table.Th>Flags</Table.Th>
              <SortHeader label="SEN" column="sen" sort={sort} onSort={setSort} />
              {flagsShown ? (
                <SortHeader
                  label="Disadvantaged"
                  column="disadvantaged"
                  sort={sort}
                  onSort={setSort}
                />
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={flagsShown ? 6 : 5}>
                  <Text size="sm">No pupil matches these filters.</Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {shown.map((p) => (
              <PupilRow
                key={p.id}
                pupil={p}
                flagsShown={flagsShown}
                onOpen={() => void navigate({ to: "/pupils/$pupilId", params: { pupilId: p.id } })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ "aria-label": `${control} page` })}
          getItemProps={(n) => ({ "aria-label": `Page ${n}` })}
        />
      ) : null}
    </Stack>
  );
}

function PupilRow({
  pupil,
  flagsShown,
  onOpen,
}: {
  pupil: Pupil;
  flagsShown: boolean;
  onOpen: () => void;
}) {
  return (
    <Table.Tr onClick={onOpen} style={{ cursor: "pointer" }}>
      <Table.Td ff="monospace">
        {pupil.upn}
        {pupil.upnTemporary ? (
          <Text span size="xs" c="dimmed">
            {" "}
            (temporary)
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <AnchorLink
          to="/pupils/$pupilId"
          params={{ pupilId: pupil.id }}
          fw={600}
          onClick={(e) => e.stopPropagation()}
        >
          {listNameOf(pupil)}
        </AnchorLink>
        {pupil.leftOn ? (
          <Text span size="xs" c="dimmed">
            {" "}
            (left)
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{pupil.yearGroup === "R" ? "R" : pupil.yearGroup}</Table.Td>
      <Table.Td>
        <FlagBadges pupil={pupil} />
      </Table.Td>
      <Table.Td>
        <SenText status={pupil.senStatus} />
      </Table.Td>
      {flagsShown ? (
        <Table.Td>
          <DisadvantagedText value={pupil.disadvantaged} />
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
