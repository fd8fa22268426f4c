import {
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useNavigate } from "@tanstack/react-router";
import { useMe } from "../../app/get-me.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useCreateReadingList, useReadingLists } from "./api/resources.ts";

export function ReadingListsPage() {
  const lists = useReadingLists();
  const manages = useMe().data?.abilities.manageResources ?? false;
  return (
    <Stack gap="md">
      <Text size="sm">
        <AnchorLink to="/resources">← Resources</AnchorLink>
      </Text>
      <PageHeader
        title="Reading lists"
        intro="Research and reading chosen by the network's programme leads, in the order to read it."
      />
      <ProblemAlert error={lists.error} title="The reading lists could not be loaded" />
      {lists.isPending ? (
        <Loader size="sm" aria-label="Loading reading lists" />
      ) : lists.data?.readingLists.length === 0 ? (
        <EmptyNote>
          {manages
            ? "No reading lists yet. Start one below."
            : "No reading lists yet. Programme leads put them together here."}
        </EmptyNote>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0 }}>
          {lists.data?.readingLists.map((l) => (
            <Card key={l.id} withBorder padding="sm" component="li">
              <Text fw={600}>
                <AnchorLink to="/reading-lists/$listId" params={{ listId: l.id }}>
                  {l.title}
                </AnchorLink>
              </Text>
              <Text size="sm" c="dimmed">
                {l.items === 1 ? "1 resource" : `${l.items} resources`}
                {l.summary ? ` · ${l.summary}` : ""}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {manages ? <NewList /> : null}
    </Stack>
  );
}

function NewList() {
  const create = useCreateReadingList();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { title: "", summary: "" },
    validate: { title: (v) => (v.trim() ? null : "Give the reading list a title.") },
  });
  return (
    <Card withBorder padding="md" maw={720}>
      <form
        noValidate
        aria-label="Start a reading list"
        onSubmit={form.onSubmit((v) =>
          create.mutate(
            { title: v.title.trim(), summary: v.summary.trim() },
            {
              onSuccess: (list) =>
                void navigate({ to: "/reading-lists/$listId", params: { listId: list.id } }),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Start a reading list
          </Title>
          <TextInput label="Title" withAsterisk {...form.getInputProps("title")} />
          <Textarea label="Summary" autosize minRows={2} {...form.getInputProps("summary")} />
          <ProblemAlert
            error={create.error}
            title="The reading list was not started"
            shownFields={["title", "summary"]}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Start the list
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
