import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { type Pupil, SEN_LABELS, SEN_STATUSES } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YEAR_OPTIONS } from "../../components/year-options.tsx";
import { type PupilChanges, pupilQueryOptions, useUpdatePupil } from "../../lib/api/pupils.ts";
import { isProblem } from "../../lib/api-client.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { FLAGS, pupilName } from "./pupil-flags.tsx";

type Values = Omit<PupilChanges, "version" | "leftOn" | "preferredFirstName"> & {
  preferredFirstName: string;
  leftOn: string;
};

const valuesOf = (p: Pupil): Values => ({
  preferredFirstName: p.preferredFirstName ?? "",
  yearGroup: p.yearGroup,
  senStatus: p.senStatus,
  leftOn: p.leftOn ?? "",
  ...Object.fromEntries(FLAGS.map((f) => [f.key, p[f.key]])),
});

/** Only what changed is sent, with the version read: a stale edit is refused, not merged. */
function changesOf(p: Pupil, v: Values): PupilChanges {
  const changes: PupilChanges = { version: p.version };
  const name = v.preferredFirstName.trim() || null;
  if (name !== p.preferredFirstName) changes.preferredFirstName = name;
  if (v.yearGroup !== p.yearGroup) changes.yearGroup = v.yearGroup;
  if (v.senStatus !== p.senStatus) changes.senStatus = v.senStatus;
  if ((v.leftOn || null) !== p.leftOn) changes.leftOn = v.leftOn || null;
  for (const f of FLAGS) if (v[f.key] !== p[f.key]) changes[f.key] = v[f.key];
  return changes;
}

export function PupilEditModal({
  pupil,
  opened,
  onClose,
}: {
  pupil: Pupil;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const update = useUpdatePupil(pupil.id);
  const form = useForm<Values>({ initialValues: valuesOf(pupil) });
  const close = () => {
    update.reset();
    form.setValues(valuesOf(pupil));
    onClose();
  };
  const stale = isProblem(update.error, 409);

  return (
    <Modal opened={opened} onClose={close} title={`Edit ${pupilName(pupil)}`} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const changes = changesOf(pupil, values);
          if (Object.keys(changes).length === 1) return close();
          update.mutate(changes, {
            onSuccess: (saved) => {
              form.setValues(valuesOf(saved));
              onClose();
            },
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          });
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Corrections made here last until the next pupil import brings the MIS's values.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Preferred first name" {...form.getInputProps("preferredFirstName")} />
            <Select
              label="Year group"
              data={YEAR_OPTIONS}
              allowDeselect={false}
              {...form.getInputProps("yearGroup")}
            />
            <Select
              label="SEN status"
              data={SEN_STATUSES.map((s) => ({ value: s, label: `${s} · ${SEN_LABELS[s]}` }))}
              allowDeselect={false}
              {...form.getInputProps("senStatus")}
            />
          </SimpleGrid>
          <fieldset className="plain-fieldset">
            <legend>
              <Text size="sm" fw={600} span>
                Flags
              </Text>
            </legend>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {FLAGS.map((f) => (
                <Checkbox
                  key={f.key}
                  label={`${f.label} (${f.short})`}
                  {...form.getInputProps(f.key, { type: "checkbox" })}
                />
              ))}
            </SimpleGrid>
          </fieldset>
          <Group align="flex-end" gap="sm">
            <TextInput
              type="date"
              label="Left the school on"
              description="Leave empty while the pupil is on roll. Their history stays."
              w={260}
              {...form.getInputProps("leftOn")}
            />
            {form.values.leftOn ? (
              <Button variant="subtle" size="xs" onClick={() => form.setFieldValue("leftOn", "")}>
                Back on roll
              </Button>
            ) : null}
          </Group>
          <ProblemAlert
            error={update.error}
            title="Not saved"
            shownFields={["preferredFirstName", "yearGroup", "senStatus", "leftOn"]}
          />
          <Group justify="flex-end">
            {stale ? (
              <Button
                variant="default"
                onClick={async () => {
                  const fresh = await queryClient.fetchQuery({
                    ...pupilQueryOptions(pupil.id),
                    staleTime: 0,
                  });
                  update.reset();
                  form.setValues(valuesOf(fresh.pupil));
                }}
              >
                Load their change
              </Button>
            ) : null}
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
