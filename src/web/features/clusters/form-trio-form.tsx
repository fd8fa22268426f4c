import { Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { ClusterDetail } from "../../../contracts/network.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useFormTrio } from "./api/cluster-changes.ts";

interface Values {
  name: string;
  leadSchoolId: string | null;
  acceleratorSchoolIds: [string | null, string | null];
}

/** Forms a trio from the cluster's schools not yet in one: a lead and up to two accelerators. */
export function FormTrioForm({ cluster }: { cluster: ClusterDetail }) {
  const formTrio = useFormTrio();
  const free = cluster.enrolments.filter((e) => e.trioId === null);
  const form = useForm<Values>({
    initialValues: { name: "", leadSchoolId: null, acceleratorSchoolIds: [null, null] },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = "Enter the trio's name.";
      if (!values.leadSchoolId) errors.leadSchoolId = "Choose the lead school.";
      if (!values.acceleratorSchoolIds[0] && values.acceleratorSchoolIds[1])
        errors["acceleratorSchoolIds.0"] = "Choose the first accelerator before the second.";
      return errors;
    },
  });
  const chosen = [form.values.leadSchoolId, ...form.values.acceleratorSchoolIds];
  /** The free schools, less those chosen in the other places of the trio. */
  const optionsFor = (place: number) =>
    free
      .filter((e) => !chosen.some((id, i) => i !== place && id === e.school.id))
      .map((e) => ({ value: e.school.id, label: e.school.name }));

  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Form a trio
      </Title>
      {free.length === 0 ? (
        <Text size="sm">
          Every enrolled school is in a trio. Enrol another school, or dissolve a trio to re-form
          it.
        </Text>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            formTrio.mutate(
              {
                clusterId: cluster.id,
                name: values.name.trim(),
                leadSchoolId: values.leadSchoolId ?? "",
                acceleratorSchoolIds: values.acceleratorSchoolIds.filter(
                  (id): id is string => id !== null,
                ),
              },
              {
                onError: (error) => form.setErrors(fieldErrorsOf(error)),
                onSuccess: () => form.reset(),
              },
            ),
          )}
        >
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Trio name"
              required
              autoComplete="off"
              w={200}
              {...form.getInputProps("name")}
            />
            <Select
              label="Lead school"
              required
              placeholder="Choose a school"
              data={optionsFor(0)}
              w={240}
              {...form.getInputProps("leadSchoolId")}
            />
            <Select
              label="Accelerator school"
              placeholder="Optional"
              data={optionsFor(1)}
              clearable
              w={240}
              {...form.getInputProps("acceleratorSchoolIds.0")}
            />
            <Select
              label="Second accelerator school"
              placeholder="Optional"
              data={optionsFor(2)}
              clearable
              w={240}
              {...form.getInputProps("acceleratorSchoolIds.1")}
            />
            <Button type="submit" loading={formTrio.isPending} mt={25}>
              Form trio
            </Button>
          </Group>
        </form>
      )}
      <ProblemAlert
        error={formTrio.error}
        title="The trio was not formed"
        shownFields={["name", "leadSchoolId", "acceleratorSchoolIds.0", "acceleratorSchoolIds.1"]}
      />
    </Stack>
  );
}
