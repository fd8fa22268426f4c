import {
  ActionIcon,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import type { ReadingList, Resource } from "../../../contracts/resources.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useReadingList, useResources, useSetReadingListItems } from "./api/resources.ts";
import { ResourceCard } from "./resource-card.tsx";

export function ReadingListPage({ listId }: { listId: string }) {
  const query = useReadingList(listId);
  if (query.isPending) return <Loader size="sm" aria-label="Loading the reading list" />;
  if (query.error || !query.data)
    return <ProblemAlert error={query.error} title="The reading list could not be opened" />;
  const list = query.data;
  return (
    <Stack gap="md">
      <Text size="sm">
        <AnchorLink to="/reading-lists">← Reading lists</AnchorLink>
      </Text>
      <PageHeader title={list.title} intro={list.summary || undefined} />
      {list.items.length === 0 && !list.canChange ? (
        <EmptyNote>This reading list has nothing on it yet.</EmptyNote>
      ) : null}
      {list.canChange ? (
        <ListBuilder list={list} />
      ) : (
        <Stack gap="sm" component="ol" style={{ paddingLeft: 0, listStyle: "none" }}>
          {list.items.map((item, i) => (
            <li key={item.resource.id}>
              <ResourceCard resource={item.resource} headingLevel={2}>
                <Text size="xs" c="dimmed">
                  {i + 1} of {list.items.length}
                </Text>
                {item.note ? <Text size="sm">{item.note}</Text> : null}
              </ResourceCard>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface Item {
  resource: Resource;
  note: string;
}

/** The list in its order, to reorder with up and down, note, add to and take from; then save. */
function ListBuilder({ list }: { list: ReadingList }) {
  const [items, setItems] = useState<Item[]>(list.items);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const save = useSetReadingListItems(list.id);
  const library = useResources({});
  useEffect(() => {
    if (!dirty) setItems(list.items);
  }, [list.items, dirty]);
  const change = (next: Item[], message: string) => {
    setItems(next);
    setDirty(true);
    setAnnounce(message);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + by, 0, moved);
    change(next, `${moved.resource.title} moved to position ${index + by + 1} of ${next.length}.`);
  };
  const onList = new Set(items.map((i) => i.resource.id));
  const candidates = (library.data?.resources ?? []).filter((r) => !onList.has(r.id));
  return (
    <Stack gap="md">
      {items.length === 0 ? (
        <EmptyNote>Nothing on the list yet. Add resources from the library below.</EmptyNote>
      ) : (
        <Stack
          gap="sm"
          component="ol"
          aria-label="Resources on the list"
          style={{ paddingLeft: 0, listStyle: "none" }}
        >
          {items.map((item, i) => (
            <Card key={item.resource.id} withBorder padding="sm" component="li">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600}>
                    {i + 1}.{" "}
                    <AnchorLink
                      to="/resources/$resourceId"
                      params={{ resourceId: item.resource.id }}
                    >
                      {item.resource.title}
                    </AnchorLink>
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="default"
                      aria-label={`Move ${item.resource.title} up`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      aria-label={`Move ${item.resource.title} down`}
                      disabled={i === items.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${item.resource.title}`}
                      onClick={() =>
                        change(
                          items.filter((_, j) => j !== i),
                          `${item.resource.title} taken off the list.`,
                        )
                      }
                    >
                      Remove
                    </Button>
                  </Group>
                </Group>
                <Textarea
                  label={`Note on ${item.resource.title}`}
                  autosize
                  minRows={1}
                  value={item.note}
                  onChange={(e) => {
                    const note = e.currentTarget.value;
                    setItems((all) => all.map((x, j) => (j === i ? { ...x, note } : x)));
                    setDirty(true);
                  }}
                />
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      <Text size="sm" role="status" aria-live="polite">
        {announce}
      </Text>
      <Card withBorder padding="sm" maw={720}>
        <Stack gap="xs">
          <Title order={2} size="h5">
            Add from the library
          </Title>
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Resource"
              placeholder={library.isPending ? "Loading…" : "Search the library"}
              searchable
              clearable
              data={candidates.map((r) => ({ value: r.id, label: r.title }))}
              value={adding}
              onChange={setAdding}
              nothingFoundMessage="No other resource matches"
              miw={320}
            />
            <Button
              variant="light"
              disabled={!adding}
              onClick={() => {
                const resource = candidates.find((r) => r.id === adding);
                if (!resource) return;
                change([...items, { resource, note: "" }], `${resource.title} added at the end.`);
                setAdding(null);
              }}
            >
              Add to the list
            </Button>
          </Group>
        </Stack>
      </Card>
      <ProblemAlert error={save.error} title="The list was not saved" />
      <Group>
        <Button
          loading={save.isPending}
          disabled={!dirty}
          onClick={() =>
            save.mutate(
              { items: items.map((i) => ({ resourceId: i.resource.id, note: i.note.trim() })) },
              {
                onSuccess: () => {
                  setDirty(false);
                  setAnnounce("The list is saved.");
                },
              },
            )
          }
        >
          Save the list
        </Button>
        {dirty ? (
          <Text size="sm" c="dimmed">
            Unsaved changes.
          </Text>
        ) : save.isSuccess ? (
          <Text size="sm">Saved.</Text>
        ) : null}
      </Group>
    </Stack>
  );
}
