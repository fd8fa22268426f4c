import { Alert, Button, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useMe } from "../../app/get-me.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useEefStrands } from "../../lib/eef-strands.ts";
import { type Evidence, type EvidenceFilter, useEvidence } from "./api/evidence.ts";
import { EvidenceGroupCard, poolKey } from "./evidence-group-card.tsx";

/** What works across the network: shared results pooled by Toolkit strand and by theme. */
export function EvidencePage({ filter }: { filter: EvidenceFilter }) {
  const all = useEvidence({});
  const strands = useEefStrands();
  const filtered = useEvidence(filter);
  const navigate = useNavigate();
  const setFilter = (next: EvidenceFilter) => void navigate({ to: "/evidence", search: next });
  const groups = all.data?.groups ?? [];
  const withResults = new Set(groups.filter((g) => g.kind === "strand").map((g) => g.key));
  const strandOptions = [
    {
      group: "With shared results",
      items: (strands.data ?? [])
        .filter((s) => withResults.has(s.key))
        .map((s) => ({ value: s.key, label: s.name })),
    },
    {
      group: "No shared results yet",
      items: (strands.data ?? [])
        .filter((s) => !withResults.has(s.key))
        .map((s) => ({ value: s.key, label: s.name })),
    },
  ].filter((g) => g.items.length > 0);
  // A theme can have several pools (designs, outcome families): one option each theme.
  const themeOptions = [
    ...new Map(
      groups.filter((g) => g.kind === "theme").map((g) => [g.key, { value: g.key, label: g.name }]),
    ).values(),
  ];
  const narrowed = Boolean(filter.strand || filter.theme);

  return (
    <>
      <PageHeader
        title="What works across the network"
        intro="Results schools have shared from evaluating their strategies, pooled by EEF Toolkit strand and by programme theme. Only group sizes, means, SDs and effect sizes are shared — never a pupil."
      />
      <Stack gap="lg">
        <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
          <Select
            label="Toolkit strand"
            placeholder="All strands"
            data={strandOptions}
            value={filter.strand ?? null}
            onChange={(v) => setFilter(v ? { strand: v } : {})}
            searchable
            clearable
            nothingFoundMessage="No strand of that name"
            w={320}
          />
          <Select
            label="Theme"
            placeholder="All themes"
            data={themeOptions}
            value={filter.theme ?? null}
            onChange={(v) => setFilter(v ? { theme: v } : {})}
            clearable
            disabled={themeOptions.length === 0}
            w={280}
          />
          {narrowed ? (
            <Button variant="default" onClick={() => setFilter({})}>
              Show everything
            </Button>
          ) : null}
        </Group>
        <ProblemAlert
          error={filtered.error ?? all.error}
          title="The network's evidence could not be loaded"
        />
        {filtered.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the evidence" />
        ) : null}
        {filtered.data === null ? <NothingForFilter filter={filter} /> : null}
        {filtered.data && narrowed ? <Narrowed evidence={filtered.data} /> : null}
        {filtered.data && !narrowed ? <Everything evidence={filtered.data} /> : null}
      </Stack>
    </>
  );
}

/** One strand or theme: its pool, or, when its results differ in design or outcome, each pool. */
function Narrowed({ evidence }: { evidence: Evidence }) {
  if (evidence.design !== null) return <EvidenceGroupCard group={evidence} level={2} />;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {evidence.name}
      </Title>
      {evidence.note ? (
        <Alert color="gray" variant="light" data-testid="breakdown-note">
          {evidence.note}
        </Alert>
      ) : null}
      {evidence.groups.map((g) => (
        <EvidenceGroupCard key={poolKey(g)} group={g} />
      ))}
    </Stack>
  );
}

function NothingForFilter({ filter }: { filter: EvidenceFilter }) {
  const strands = useEefStrands();
  const name = filter.strand
    ? (strands.data?.find((s) => s.key === filter.strand)?.name ?? "this strand")
    : "this theme";
  return (
    <EmptyNote
      action={
        <AnchorLink to="/evidence" size="sm" fw={600}>
          Show every shared result
        </AnchorLink>
      }
    >
      No school has shared a result for {name} yet.
    </EmptyNote>
  );
}

function Everything({ evidence }: { evidence: Evidence }) {
  const { data: me } = useMe();
  const atSchool = (me?.schools.length ?? 0) > 0;
  if (evidence.studies.length === 0) {
    return (
      <EmptyNote
        action={
          atSchool ? (
            <AnchorLink to="/my-school/strategies" size="sm" fw={600}>
              Go to your school's strategies
            </AnchorLink>
          ) : undefined
        }
      >
        Nothing has been shared yet. When a school evaluates a strategy and its leaders share the
        result, it appears here, pooled with other schools' results for the same Toolkit strand and
        theme.
      </EmptyNote>
    );
  }
  const strands = evidence.groups.filter((g) => g.kind === "strand");
  const themes = evidence.groups.filter((g) => g.kind === "theme");
  const schools = new Set(evidence.studies.map((s) => s.school)).size;
  return (
    <Stack gap="lg">
      <Text size="sm">
        {evidence.studies.length === 1
          ? "1 shared result"
          : `${evidence.studies.length} shared results`}{" "}
        from {schools === 1 ? "1 school" : `${schools} schools`}. Schools appear under a pseudonym
        unless they chose to be named. Only like is pooled with like: each pool holds one strand or
        theme, one design and one outcome family, pooled with a DerSimonian–Laird random-effects
        model (with fewer than 10 results, the Hartung–Knapp–Sidik–Jonkman interval).
      </Text>
      {strands.length > 0 ? (
        <Stack gap="md">
          <Title order={2} size="h3">
            By EEF Toolkit strand
          </Title>
          {strands.map((g) => (
            <EvidenceGroupCard key={poolKey(g)} group={g} />
          ))}
        </Stack>
      ) : null}
      {themes.length > 0 ? (
        <Stack gap="md">
          <Title order={2} size="h3">
            By programme theme
          </Title>
          {themes.map((g) => (
            <EvidenceGroupCard key={poolKey(g)} group={g} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
