import { Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMe } from "../../app/get-me.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ButtonLink } from "../../components/button-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useShelf } from "./api/resources.ts";
import { ResourceCard } from "./resource-card.tsx";
import { ShelfButtons } from "./shelf-button.tsx";

/** Our shelf: the resources the school's staff saved, for that school's staff only. */
export function ShelfPage() {
  const schools = (useMe().data?.schools ?? []).filter((s) => s.abilities.keepShelf);
  return (
    <Stack gap="md">
      <Text size="sm">
        <AnchorLink to="/resources">← Resources</AnchorLink>
      </Text>
      <PageHeader
        title="Our shelf"
        intro="Resources your school's staff saved from the library. Only your school's staff see it."
      />
      {schools.map((s) => (
        <SchoolShelf key={s.id} schoolId={s.id} name={schools.length > 1 ? s.name : null} />
      ))}
    </Stack>
  );
}

function SchoolShelf({ schoolId, name }: { schoolId: string; name: string | null }) {
  const shelf = useShelf(schoolId);
  return (
    <Stack
      gap="sm"
      component="section"
      aria-label={name ? `${name}'s shelf` : "Your school's shelf"}
    >
      {name ? (
        <Title order={2} size="h4">
          {name}
        </Title>
      ) : null}
      <ProblemAlert error={shelf.error} title="The shelf could not be loaded" />
      {shelf.isPending ? (
        <Loader size="sm" aria-label="Loading the shelf" />
      ) : shelf.data?.items.length === 0 ? (
        <EmptyNote
          action={
            <ButtonLink to="/resources" size="xs" variant="light">
              Browse the library
            </ButtonLink>
          }
        >
          Nothing on the shelf yet. Save resources from the library with “Save to our shelf”.
        </EmptyNote>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {shelf.data?.items.map((item) => (
            <ResourceCard
              key={item.resource.id}
              resource={item.resource}
              headingLevel={name ? 3 : 2}
            >
              <Text size="xs" c="dimmed">
                Saved {new Date(item.savedAt).toLocaleDateString("en-GB")}
                {item.savedBy ? ` by ${item.savedBy}` : ""}
                {item.resource.archivedAt ? " · archived from the library" : ""}
              </Text>
              <ShelfButtons resource={item.resource} />
            </ResourceCard>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
