import {
  Button,
  Checkbox,
  FileInput,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import type { Resource, ResourceDetails } from "../../../contracts/resources.ts";
import type { ResourceAudience, ResourceKind } from "../../../domain/resources.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import {
  MAX_RESOURCE_BYTES,
  useAddLink,
  useResourceChoices,
  useUpdateResource,
  useUploadResource,
} from "./api/resources.ts";
import { AUDIENCE_OPTIONS, KIND_OPTIONS, megabytes } from "./labels.ts";

interface Values {
  title: string;
  summary: string;
  kind: ResourceKind | null;
  themeIds: string[];
  audience: ResourceAudience[];
  workshopId: string | null;
  url: string;
  file: File | null;
}

const TOO_BIG = "The file is larger than 20 MB. Make it smaller, or add it as a link instead.";

function detailsOf(v: Values): ResourceDetails {
  return {
    title: v.title.trim(),
    summary: v.summary.trim(),
    kind: v.kind as ResourceKind,
    themeIds: v.themeIds,
    audience: v.audience,
    workshopId: v.workshopId,
  };
}

/** Add a resource (a file or a link), or change one (`resource` given). */
export function ResourceForm({
  resource,
  onDone,
}: {
  resource?: Resource;
  onDone: (resource: Resource) => void;
}) {
  const [as, setAs] = useState<"file" | "link">(resource?.url ? "link" : "file");
  const editing = resource !== undefined;
  const isLink = editing ? resource.url !== null : as === "link";
  const choices = useResourceChoices().data;
  const upload = useUploadResource();
  const link = useAddLink();
  const update = useUpdateResource(resource?.id ?? "");
  const mutation = editing ? update : isLink ? link : upload;
  const form = useForm<Values>({
    initialValues: {
      title: resource?.title ?? "",
      summary: resource?.summary ?? "",
      kind: resource?.kind ?? null,
      themeIds: resource?.themes.map((t) => t.id) ?? [],
      audience: resource?.audience ?? [],
      workshopId: resource?.workshop?.id ?? null,
      url: resource?.url ?? "",
      file: null,
    },
    validate: {
      title: (v) => (v.trim() ? null : "Give the resource a title."),
      kind: (v) => (v ? null : "Choose what kind of resource this is."),
      url: (v) =>
        !isLink || /^https?:\/\/\S+\.\S+/.test(v.trim())
          ? null
          : "Use a web address starting https:// (or http://).",
      file: (f) =>
        editing || isLink
          ? null
          : !f
            ? "Choose a file."
            : f.size > MAX_RESOURCE_BYTES
              ? `This file is ${megabytes(f.size)}: files can be up to 20 MB. Make it smaller, or add it as a link instead.`
              : f.size === 0
                ? "This file is empty."
                : null,
    },
  });
  const onError = (error: unknown) =>
    form.setErrors(isProblem(error, 413) ? { file: TOO_BIG } : fieldErrorsOf(error));
  const submit = (v: Values) => {
    if (editing) {
      update.mutate(
        { ...detailsOf(v), ...(isLink ? { url: v.url.trim() } : {}) },
        { onSuccess: onDone, onError },
      );
    } else if (isLink) {
      link.mutate({ ...detailsOf(v), url: v.url.trim() }, { onSuccess: onDone, onError });
    } else if (v.file) {
      upload.mutate({ file: v.file, details: detailsOf(v) }, { onSuccess: onDone, onError });
    }
  };
  // Themes are named once per programme: the programme tells two of the same name apart.
  const themeOptions = (choices?.themes ?? []).map((t) => ({
    value: t.id,
    label: (choices?.themes ?? []).some((o) => o.name === t.name && o.id !== t.id)
      ? `${t.name} (${t.programme})`
      : t.name,
  }));
  return (
    <form
      noValidate
      aria-label={editing ? "Change the resource" : "Add a resource"}
      onSubmit={form.onSubmit(submit)}
    >
      <Stack gap="sm" maw={720}>
        {editing ? null : (
          <SegmentedControl
            aria-label="File or link"
            value={as}
            onChange={(v) => setAs(v as "file" | "link")}
            data={[
              { value: "file", label: "A file" },
              { value: "link", label: "A link" },
            ]}
          />
        )}
        {!editing && !isLink ? (
          <FileInput
            label="File"
            description="PDF, slides (PowerPoint, OpenDocument), spreadsheets (Excel), Word or RTF documents, or images: up to 20 MB."
            placeholder="Choose a file"
            clearable
            withAsterisk
            {...form.getInputProps("file")}
          />
        ) : null}
        {isLink ? (
          <TextInput
            label="Web address"
            placeholder="https://…"
            withAsterisk
            {...form.getInputProps("url")}
          />
        ) : null}
        <TextInput label="Title" withAsterisk {...form.getInputProps("title")} />
        <Textarea label="Summary" autosize minRows={3} {...form.getInputProps("summary")} />
        <Select label="Kind" withAsterisk data={KIND_OPTIONS} {...form.getInputProps("kind")} />
        <MultiSelect
          label="Themes"
          placeholder="Choose themes"
          searchable
          clearable
          data={themeOptions}
          {...form.getInputProps("themeIds")}
        />
        <Checkbox.Group label="Who it is for" {...form.getInputProps("audience")}>
          <Group gap="md" mt={4}>
            {AUDIENCE_OPTIONS.map((a) => (
              <Checkbox key={a.value} value={a.value} label={a.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label="Workshop it belongs to"
          placeholder="None"
          clearable
          searchable
          data={(choices?.attachableWorkshops ?? []).map((w) => ({ value: w.id, label: w.title }))}
          nothingFoundMessage="No workshop of yours"
          {...form.getInputProps("workshopId")}
        />
        <ProblemAlert
          error={isProblem(mutation.error, 413) ? null : mutation.error}
          title={editing ? "The resource was not changed" : "The resource was not added"}
          shownFields={[
            "title",
            "summary",
            "kind",
            "themeIds",
            "audience",
            "workshopId",
            "url",
            "file",
          ]}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {editing ? "Save changes" : isLink ? "Add link" : "Upload file"}
          </Button>
          {update.isSuccess && editing ? (
            <Text size="sm" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
