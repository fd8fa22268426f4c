import { Group, Loader, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { ResourceSearch } from "../../../contracts/resources.ts";
import { useMe } from "../../app/get-me.ts";
import { ButtonLink } from "../../components/button-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useResourceChoices, useResources } from "./api/resources.ts";
import { AUDIENCE_OPTIONS, KIND_OPTIONS } from "./labels.ts";
import { ResourceCard } from "./resource-card.tsx";

/** The resource library: search, filters and the resources that match. */
export function LibraryPage({ search }: { search: ResourceSearch }) {
  const navigate = useNavigate();
  const me = useMe().data;
  const choices = useResourceChoices().data;
  const [text, setText] = useState(search.q ?? "");
  const [q] = useDebouncedValue(text.trim(), 300);
  const filters = { ...search, q: q || undefined };
  const results = useResources(filters);
  const set = (patch: Partial<ResourceSearch>) =>
    void navigate({ to: "/resources", search: { ...search, ...patch }, replace: true });
  const manages = me?.abilities.manageResources ?? false;
  const keepsShelf = me?.schools.some((s) => s.abilities.keepShelf) ?? false;
  const filtered = Boolean(
    filters.q || search.kind || search.theme || search.audience || search.workshop,
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Resources"
        intro="Planning tools, data-tracking tools, reading, research summaries and templates from across the network."
        actions={
          <Group gap="xs">
            <ButtonLink to="/reading-lists" variant="default">
              Reading lists
            </ButtonLink>
            {keepsShelf ? (
              <ButtonLink to="/our-shelf" variant="default">
                Our shelf
              </ButtonLink>
            ) : null}
            {manages ? <ButtonLink to="/resources/new">Add a resource</ButtonLink> : null}
          </Group>
        }
      />
      <form aria-label="Search the library" onSubmit={(e) => e.preventDefault()}>
        <Stack gap="sm">
          <TextInput
            label="Search"
            description="Words from the title or summary, e.g. vocabulary or “reading for pleasure”."
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => set({ q: text.trim() || undefined })}
            maw={560}
          />
          <Group gap="sm" wrap="wrap" align="flex-end">
            <Select
              label="Kind"
              placeholder="Any kind"
              clearable
              data={KIND_OPTIONS}
              value={search.kind ?? null}
              onChange={(v) => set({ kind: (v as ResourceSearch["kind"]) ?? undefined })}
            />
            <Select
              label="Theme"
              placeholder="Any theme"
              clearable
              searchable
              data={(choices?.themes ?? []).map((t) => ({ value: t.id, label: t.name }))}
              value={search.theme ?? null}
              onChange={(v) => set({ theme: v ?? undefined })}
            />
            <Select
              label="For"
              placeholder="Anyone"
              clearable
              data={AUDIENCE_OPTIONS}
              value={search.audience ?? null}
              onChange={(v) => set({ audience: (v as ResourceSearch["audience"]) ?? undefined })}
            />
            <Select
              label="Workshop"
              placeholder="Any workshop"
              clearable
              searchable
              data={(choices?.workshops ?? []).map((w) => ({ value: w.id, label: w.title }))}
              value={search.workshop ?? null}
              onChange={(v) => set({ workshop: v ?? undefined })}
            />
          </Group>
        </Stack>
      </form>
      <ProblemAlert error={results.error} title="The library could not be searched" />
      {results.isPending ? (
        <Loader size="sm" aria-label="Searching" />
      ) : results.data ? (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {results.data.resources.length === 0
              ? ""
              : `${results.data.resources.length} ${results.data.resources.length === 1 ? "resource" : "resources"}${filtered ? " match" : ""}`}
          </Text>
          {results.data.resources.length === 0 ? (
            <EmptyNote
              action={
                manages && !filtered ? (
                  <ButtonLink to="/resources/new" size="xs">
                    Add a resource
                  </ButtonLink>
                ) : null
              }
            >
              {filtered
                ? "Nothing in the library matches. Try other words, or clear a filter."
                : manages
                  ? "The library is empty. Add the first planning tool, reading or template."
                  : "The library is empty. Programme leads and administrators add resources here."}
            </EmptyNote>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-label="Resources found">
              {results.data.resources.map((r) => (
                <ResourceCard key={r.id} resource={r} headingLevel={2} />
              ))}
            </SimpleGrid>
          )}
        </>
      ) : null}
    </Stack>
  );
}
