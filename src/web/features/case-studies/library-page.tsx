import { Button, Group, Loader, Select, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import {
  CASE_STUDY_DESIGNS,
  COST_BAND_LABELS,
  DESIGN_WORDS,
  type LibraryQuery,
} from "../../../contracts/case-studies.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useDrafts, useLibrary } from "./api.ts";
import { CaseStudyCard } from "./case-study-card.tsx";

const PHASES = [
  { value: "primary", label: "Primary" },
  { value: "secondary", label: "Secondary" },
  { value: "special", label: "Special" },
  { value: "all_through", label: "All-through" },
];
const YEARS = ["R", ...Array.from({ length: 13 }, (_, i) => String(i + 1))];
const EFFECTS = [
  { value: "any", label: "Any effect" },
  { value: "0.2", label: "g 0.20 or more" },
  { value: "0.4", label: "g 0.40 or more" },
  { value: "neg", label: "Negative g" },
];

/** The case-study library: everyone signed in searches what their audience has published. */
export function CaseStudyLibraryPage({ query }: { query: LibraryQuery }) {
  const navigate = useNavigate();
  const set = (next: Partial<LibraryQuery>) =>
    void navigate({ to: "/case-studies", search: { ...query, ...next } });
  const [text, setText] = useState(query.q ?? "");
  const library = useLibrary(query);
  const drafts = useDrafts();
  const effect =
    query.maxG !== undefined && query.maxG < 0
      ? "neg"
      : query.minG !== undefined
        ? String(query.minG)
        : "any";

  return (
    <>
      <PageHeader
        title="Case studies"
        intro="Stories of change from the network's schools: what they tried, what the data showed and what they learned. No pupil is ever named; groups of 5 or fewer show no figures."
      />
      <Stack gap="lg">
        {drafts.data && drafts.data.items.length > 0 ? (
          <Stack gap="sm" component="section" aria-labelledby="in-progress">
            <Title order={2} size="h4" id="in-progress">
              In progress and in review
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {drafts.data.items.map((c) => (
                <CaseStudyCard key={c.id} card={c} showStatus />
              ))}
            </SimpleGrid>
          </Stack>
        ) : null}
        <form
          aria-label="Search the case studies"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: text.trim() || undefined });
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="e.g. reading fluency, oracy -secondary"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              w={320}
            />
            <Button type="submit">Search</Button>
          </Group>
        </form>
        <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
          <Select
            label="EEF strand"
            placeholder="All strands"
            data={(library.data?.filters.strands ?? []).map((s) => ({
              value: s.key,
              label: s.name,
            }))}
            value={query.strand ?? null}
            onChange={(v) => set({ strand: v ?? undefined })}
            clearable
            searchable
            w={260}
          />
          <Select
            label="Theme"
            placeholder="All themes"
            data={(library.data?.filters.themes ?? []).map((s) => ({
              value: s.key,
              label: s.name,
            }))}
            value={query.theme ?? null}
            onChange={(v) => set({ theme: v ?? undefined })}
            clearable
            w={220}
          />
          <Select
            label="Phase"
            placeholder="All phases"
            data={PHASES}
            value={query.phase ?? null}
            onChange={(v) => set({ phase: v ?? undefined })}
            clearable
            w={150}
          />
          <Select
            label="Year group"
            placeholder="Any"
            data={YEARS.map((y) => ({ value: y, label: y === "R" ? "Reception" : `Year ${y}` }))}
            value={query.yearGroup ?? null}
            onChange={(v) => set({ yearGroup: v ?? undefined })}
            clearable
            w={140}
          />
          <Select
            label="Cost band"
            placeholder="Any cost"
            data={COST_BAND_LABELS.map((c) => ({ value: c, label: c }))}
            value={query.costBand ?? null}
            onChange={(v) => set({ costBand: v ?? undefined })}
            clearable
            w={150}
          />
          <Select
            label="Design"
            placeholder="Any design"
            data={CASE_STUDY_DESIGNS.map((d) => ({ value: d, label: DESIGN_WORDS[d] }))}
            value={query.design ?? null}
            onChange={(v) => set({ design: (v as LibraryQuery["design"]) ?? undefined })}
            clearable
            w={200}
          />
          <Select
            label="Effect"
            data={EFFECTS}
            value={effect}
            allowDeselect={false}
            onChange={(v) =>
              set(
                v === "neg"
                  ? { minG: undefined, maxG: -0.0001 }
                  : v === "any" || !v
                    ? { minG: undefined, maxG: undefined }
                    : { minG: Number(v), maxG: undefined },
              )
            }
            w={170}
          />
          <Select
            label="Sort by"
            data={[
              ...(query.q ? [{ value: "relevance", label: "Best match" }] : []),
              { value: "date", label: "Newest first" },
              { value: "effect", label: "Largest effect first" },
            ]}
            value={query.sort ?? (query.q ? "relevance" : "date")}
            allowDeselect={false}
            onChange={(v) => set({ sort: (v as LibraryQuery["sort"]) ?? undefined })}
            w={190}
          />
        </Group>
        <ProblemAlert error={library.error} title="The case studies could not be loaded" />
        {library.isPending ? <Loader role="status" aria-label="Loading case studies" /> : null}
        {library.data && library.data.items.length === 0 ? (
          <EmptyNote>
            {query.q || Object.keys(query).length > 0
              ? "No published case study matches. Try fewer words or clear a filter."
              : "No case study has been published yet. A school leader starts one from an evaluated strategy."}
          </EmptyNote>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy={library.isFetching}>
          {(library.data?.items ?? []).map((c) => (
            <CaseStudyCard key={c.id} card={c} />
          ))}
        </SimpleGrid>
      </Stack>
    </>
  );
}
