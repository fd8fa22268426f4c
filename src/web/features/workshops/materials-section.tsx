import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  List,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import type { Workshop } from "../../../contracts/programme-year.ts";
import {
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
  type ResourceKind,
} from "../../../domain/resources.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import {
  MAX_MATERIAL_BYTES,
  materialDownloadUrl,
  useAddLink,
  usePutMaterialInLibrary,
  useUploadMaterial,
} from "../../lib/api/workshops.ts";
import { isProblem } from "../../lib/api-client.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";

const megabytes = (bytes: number) => `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
const fileSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : megabytes(bytes);

/** Slides, handouts and reading for the workshop: files to download, or links. */
export function MaterialsSection({ workshop }: { workshop: Workshop }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="materials-title">
      <Title order={2} size="h3" id="materials-title">
        Materials
      </Title>
      {workshop.materials.length === 0 ? (
        <Text size="sm">
          {workshop.canManage
            ? "No materials yet. Attach slides or handouts below, or link to reading."
            : "No materials yet. Your programme lead attaches slides and reading here."}
        </Text>
      ) : (
        <List spacing={6} aria-label="Materials">
          {workshop.materials.map((m) => (
            <List.Item key={m.id}>
              {m.url ? (
                <Text size="sm">
                  <Anchor href={m.url} target="_blank" rel="noopener noreferrer" fw={600}>
                    {m.title}
                  </Anchor>{" "}
                  <Text span size="xs" c="dimmed">
                    (link, opens in a new tab)
                  </Text>
                </Text>
              ) : (
                <Text size="sm">
                  <Anchor href={materialDownloadUrl(m.id)} download fw={600}>
                    {m.title}
                  </Anchor>{" "}
                  <Text span size="xs" c="dimmed">
                    ({m.fileName}
                    {m.sizeBytes !== null ? `, ${fileSize(m.sizeBytes)}` : ""}, download)
                  </Text>
                </Text>
              )}
              {m.libraryResourceId ? (
                <Text span size="xs">
                  {" · "}
                  <AnchorLink
                    to="/resources/$resourceId"
                    params={{ resourceId: m.libraryResourceId }}
                  >
                    In the library
                  </AnchorLink>
                </Text>
              ) : workshop.canManage ? (
                <PutInLibrary workshopId={workshop.id} materialId={m.id} title={m.title} />
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
      {workshop.canManage ? <AddMaterial workshopId={workshop.id} /> : null}
    </Stack>
  );
}

/** Puts a material in the network's resource library, as one kind of resource. */
function PutInLibrary({
  workshopId,
  materialId,
  title,
}: {
  workshopId: string;
  materialId: string;
  title: string;
}) {
  const put = usePutMaterialInLibrary(workshopId);
  const [kind, setKind] = useState<ResourceKind | null>(null);
  return (
    <Group gap="xs" mt={4} align="flex-end" wrap="wrap">
      <Select
        size="xs"
        label={`Kind of resource for ${title}`}
        placeholder="Choose a kind"
        data={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_LABELS[k] }))}
        value={kind}
        onChange={(v) => setKind(v as ResourceKind | null)}
      />
      <Button
        size="xs"
        variant="light"
        disabled={!kind}
        loading={put.isPending}
        onClick={() => (kind ? put.mutate({ materialId, kind }) : undefined)}
      >
        Put in the library
      </Button>
      <ProblemAlert error={put.error} title="The material was not put in the library" />
    </Group>
  );
}

function AddMaterial({ workshopId }: { workshopId: string }) {
  const [kind, setKind] = useState<"file" | "link">("file");
  return (
    <Card withBorder padding="md" maw={720}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            Attach a material
          </Title>
          <SegmentedControl
            aria-label="Kind of material"
            size="xs"
            value={kind}
            onChange={(v) => setKind(v as "file" | "link")}
            data={[
              { value: "file", label: "A file" },
              { value: "link", label: "A link" },
            ]}
          />
        </Group>
        {kind === "file" ? (
          <UploadForm workshopId={workshopId} />
        ) : (
          <LinkForm workshopId={workshopId} />
        )}
      </Stack>
    </Card>
  );
}

function UploadForm({ workshopId }: { workshopId: string }) {
  const upload = useUploadMaterial(workshopId);
  const form = useForm<{ file: File | null; title: string }>({
    initialValues: { file: null, title: "" },
    validate: {
      file: (f) =>
        !f
          ? "Choose a file."
          : f.size > MAX_MATERIAL_BYTES
            ? `This file is ${megabytes(f.size)}: files can be up to 20 MB. Make it smaller, or attach a link to it instead.`
            : f.size === 0
              ? "This file is empty."
              : null,
    },
    validateInputOnChange: ["file"],
  });
  return (
    <form
      noValidate
      aria-label="Upload a file"
      onSubmit={form.onSubmit((v) =>
        v.file
          ? upload.mutate(
              { file: v.file, title: v.title },
              {
                onSuccess: () => form.reset(),
                onError: (error) =>
                  form.setErrors(
                    isProblem(error, 413)
                      ? {
                          file: "The file is larger than 20 MB. Make it smaller, or attach a link instead.",
                        }
                      : fieldErrorsOf(error),
                  ),
              },
            )
          : undefined,
      )}
    >
      <Stack gap="sm">
        <FileInput
          label="File"
          description="Slides, a handout or a picture (PDF, Word, Excel, PowerPoint, OpenDocument, RTF, PNG, JPEG, GIF or WebP): up to 20 MB. For a recording, add a link."
          placeholder="Choose a file"
          clearable
          {...form.getInputProps("file")}
        />
        <TextInput
          label="Title"
          description="What teams will see; the file's name if left empty."
          {...form.getInputProps("title")}
        />
        <ProblemAlert
          error={isProblem(upload.error, 413) ? null : upload.error}
          title="The file was not attached"
          shownFields={["file", "title"]}
        />
        <Group>
          <Button type="submit" variant="light" loading={upload.isPending}>
            Upload file
          </Button>
          {upload.isSuccess ? (
            <Text size="sm" role="status">
              Attached.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

function LinkForm({ workshopId }: { workshopId: string }) {
  const add = useAddLink(workshopId);
  const form = useForm({
    initialValues: { title: "", url: "" },
    validate: {
      title: (v) => (v.trim() ? null : "Give the material a title."),
      url: (v) =>
        /^https?:\/\/\S+\.\S+/.test(v.trim()) ? null : "Use a web address starting https://.",
    },
  });
  return (
    <form
      noValidate
      aria-label="Add a link"
      onSubmit={form.onSubmit((v) =>
        add.mutate(
          { title: v.title.trim(), url: v.url.trim() },
          {
            onSuccess: () => form.reset(),
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          },
        ),
      )}
    >
      <Stack gap="sm">
        <TextInput label="Title" {...form.getInputProps("title")} />
        <TextInput label="Web address" placeholder="https://…" {...form.getInputProps("url")} />
        <ProblemAlert
          error={add.error}
          title="The link was not added"
          shownFields={["title", "url"]}
        />
        <Group>
          <Button type="submit" variant="light" loading={add.isPending}>
            Add link
          </Button>
          {add.isSuccess ? (
            <Text size="sm" role="status">
              Added.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
