import { Button, Group, Loader, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import {
  PHASE_LABELS,
  postcodeSchema,
  SCHOOL_PHASES,
  type School,
  shortCodeSchema,
  urnSchema,
} from "../../../contracts/network.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useHubs } from "./api/hubs.ts";
import { useCreateSchool, useProposedShortCode, useUpdateSchool } from "./api/schools.ts";

const PHASE_OPTIONS = SCHOOL_PHASES.map((value) => ({ value, label: PHASE_LABELS[value] }));

interface Values {
  urn: string;
  name: string;
  phase: School["phase"] | null;
  localAuthority: string;
  postcode: string;
  hubId: string | null;
  shortCode: string;
}

const firstIssue = (result: { error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message ?? null;

/** Adds a school (school = null) or edits one; the short code is proposed from the name. */
export function SchoolFormModal({
  opened,
  school,
  onClose,
}: {
  opened: boolean;
  school: School | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={school ? `Edit ${school.name}` : "Add a school"}
      size="lg"
    >
      {/* Mounted afresh each time, so the form starts from the school it edits. */}
      {opened ? <SchoolForm school={school} onDone={onClose} /> : null}
    </Modal>
  );
}

function SchoolForm({ school, onDone }: { school: School | null; onDone: () => void }) {
  const hubs = useHubs();
  const create = useCreateSchool();
  const update = useUpdateSchool();
  const mutation = school ? update : create;
  const [codeEdited, setCodeEdited] = useState(school !== null);
  const form = useForm<Values>({
    initialValues: {
      urn: school?.urn ?? "",
      name: school?.name ?? "",
      phase: school?.phase ?? null,
      localAuthority: school?.localAuthority ?? "",
      postcode: school?.postcode ?? "",
      hubId: school?.hubId ?? null,
      shortCode: school?.shortCode ?? "",
    },
    validate: {
      urn: (v) => (school ? null : firstIssue(urnSchema.safeParse(v))),
      name: (v) => (v.trim() ? null : "Enter the school's name."),
      phase: (v) => (v ? null : "Choose the school's phase."),
      localAuthority: (v) => (v.trim() ? null : "Enter the local authority."),
      postcode: (v) => firstIssue(postcodeSchema.safeParse(v)),
      shortCode: (v) => (codeEdited ? firstIssue(shortCodeSchema.safeParse(v)) : null),
    },
  });
  const [name] = useDebouncedValue(form.values.name, 300);
  const proposal = useProposedShortCode(name, !codeEdited);
  const shortCode = codeEdited ? form.values.shortCode : (proposal.data?.shortCode ?? "");
  const hubOptions = (hubs.data?.items ?? [])
    .filter((hub) => !hub.archived || hub.id === school?.hubId)
    .map((hub) => ({ value: hub.id, label: hub.archived ? `${hub.name} (archived)` : hub.name }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const input = {
          name: values.name.trim(),
          phase: values.phase ?? "primary",
          localAuthority: values.localAuthority.trim(),
          postcode: values.postcode,
          hubId: values.hubId,
          ...(shortCode ? { shortCode } : {}),
        };
        const callbacks = {
          onError: (error: Error) => form.setErrors(fieldErrorsOf(error)),
          onSuccess: onDone,
        };
        if (school) update.mutate({ id: school.id, ...input }, callbacks);
        else create.mutate({ ...input, urn: values.urn.trim() }, callbacks);
      })}
    >
      <Stack>
        <ProblemAlert
          error={mutation.error}
          title="The school was not saved"
          shownFields={["urn", "name", "phase", "localAuthority", "postcode", "hubId", "shortCode"]}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="URN"
            description="The school's 6-digit DfE number"
            required={!school}
            readOnly={school !== null}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps("urn")}
          />
          <Select
            label="Phase"
            required
            data={PHASE_OPTIONS}
            placeholder="Choose a phase"
            allowDeselect={false}
            {...form.getInputProps("phase")}
          />
        </SimpleGrid>
        <TextInput label="Name" required autoComplete="off" {...form.getInputProps("name")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Local authority"
            required
            autoComplete="off"
            {...form.getInputProps("localAuthority")}
          />
          <TextInput
            label="Postcode"
            required
            autoComplete="off"
            {...form.getInputProps("postcode")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Hub"
            placeholder="No hub"
            data={hubOptions}
            clearable
            {...form.getInputProps("hubId")}
          />
          <TextInput
            label="Short code"
            description={
              codeEdited
                ? "3 letters, used in pupil pseudonyms such as RVB-07"
                : "Proposed from the name; change it if you like"
            }
            maxLength={3}
            autoComplete="off"
            rightSection={
              !codeEdited && proposal.isFetching ? (
                <Loader role="status" size="xs" aria-label="Proposing a short code" />
              ) : null
            }
            value={shortCode}
            error={form.errors.shortCode}
            onChange={(event) => {
              setCodeEdited(true);
              form.setFieldValue("shortCode", event.currentTarget.value.toUpperCase());
            }}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {school ? "Save changes" : "Add school"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
