import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { resourceDownloadUrl, useArchiveResource, useResource } from "./api/resources.ts";
import { fileSize, RESOURCE_AUDIENCE_LABELS, RESOURCE_KIND_LABELS } from "./labels.ts";
import { ResourceForm } from "./resource-form.tsx";
import { ShelfButtons } from "./shelf-button.tsx";

export function ResourcePage({ resourceId }: { resourceId: string }) {
  const query = useResource(resourceId);
  const archive = useArchiveResource(resourceId);
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  if (query.isPending) return <Loader size="sm" aria-label="Loading the resource" />;
  if (query.error || !query.data)
    return <ProblemAlert error={query.error} title="The resource could not be opened" />;
  const r = query.data;
  return (
    <Stack gap="md">
      <Text size="sm">
        <AnchorLink to="/resources">← Resources</AnchorLink>
      </Text>
      <PageHeader title={r.title} intro={RESOURCE_KIND_LABELS[r.kind]} />
      {r.archivedAt ? (
        <Alert color="gray" title="Archived">
          This resource was archived on {new Date(r.archivedAt).toLocaleDateString("en-GB")}. It no
          longer appears in the library's search.
        </Alert>
      ) : null}
      <Group gap="sm">
        {r.url ? (
          <Button component="a" href={r.url} target="_blank" rel="noopener noreferrer">
            Open the link (new tab)
          </Button>
        ) : (
          <Button component="a" href={resourceDownloadUrl(r.id)} download>
            Download {r.fileName}
            {r.sizeBytes !== null ? ` (${fileSize(r.sizeBytes)})` : ""}
          </Button>
        )}
      </Group>
      <ShelfButtons resource={r} />
      {r.summary ? <Text style={{ whiteSpace: "pre-wrap" }}>{r.summary}</Text> : null}
      <Stack gap={4}>
        <Text size="sm">
          <strong>Themes:</strong>{" "}
          {r.themes.length > 0
            ? r.themes.map((t) => (
                <Badge key={t.id} variant="outline" color="grape" mr={4}>
                  {t.name}
                </Badge>
              ))
            : "none given"}
        </Text>
        <Text size="sm">
          <strong>For:</strong>{" "}
          {r.audience.length > 0
            ? r.audience.map((a) => RESOURCE_AUDIENCE_LABELS[a]).join(", ")
            : "everyone"}
        </Text>
        {r.workshop ? (
          <Text size="sm">
            <strong>Workshop:</strong>{" "}
            <AnchorLink to="/workshops/$workshopId" params={{ workshopId: r.workshop.id }}>
              {r.workshop.title}
            </AnchorLink>
            {r.workshopMaterialId ? " (one of its materials)" : ""}
          </Text>
        ) : null}
        {r.url ? (
          <Text size="sm">
            <strong>Address:</strong> <Anchor href={r.url}>{r.url}</Anchor>
          </Text>
        ) : null}
      </Stack>
      {r.canChange && !r.archivedAt ? (
        <Stack gap="sm">
          <Group gap="sm">
            <Button variant="default" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
              {editing ? "Close the form" : "Edit"}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setAsking(true)}>
              Archive
            </Button>
          </Group>
          {editing ? (
            <>
              <Title order={2} size="h4">
                Change the resource
              </Title>
              <ResourceForm resource={r} onDone={() => setEditing(false)} />
            </>
          ) : null}
        </Stack>
      ) : null}
      <ConfirmModal
        opened={asking}
        title="Archive this resource?"
        confirmLabel="Archive"
        pending={archive.isPending}
        error={archive.error}
        onClose={() => setAsking(false)}
        onConfirm={() => archive.mutate(undefined, { onSuccess: () => setAsking(false) })}
      >
        It leaves the library's search. Reading lists stop showing it; school shelves keep it.
      </ConfirmModal>
    </Stack>
  );
}
