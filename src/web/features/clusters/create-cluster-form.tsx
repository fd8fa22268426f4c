import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { InvitationsSent } from "../../components/invitation-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SearchSelect } from "../../components/search-select.tsx";
import { useCreateCluster } from "../../lib/api/clusters.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { type ProgrammeYear, useSchoolSearch } from "./api/lookups.ts";

interface Values {
  name: string;
  programmeYearId: string | null;
  facilitationSchoolId: string | null;
  programmeLeadEmails: string[];
}

const looksLikeEmail = (v: string) => /^\S+@\S+\.\S+$/.test(v.trim());

/** Creates a cluster; its programme leads are invited, with links to pass on by hand. */
export function CreateClusterForm({ years }: { years: ProgrammeYear[] }) {
  const create = useCreateCluster();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const schools = useSchoolSearch(debounced);
  const form = useForm<Values>({
    initialValues: {
      name: "",
      programmeYearId: years[0]?.id ?? null,
      facilitationSchoolId: null,
      programmeLeadEmails: [""],
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = "Enter the cluster's name.";
      if (!values.programmeYearId) errors.programmeYearId = "Choose the programme year.";
      if (!values.facilitationSchoolId)
        errors.facilitationSchoolId = "Choose the facilitation school.";
      values.programmeLeadEmails.forEach((email, i) => {
        if (!looksLikeEmail(email)) errors[`programmeLeadEmails.${i}`] = "Enter an email address.";
      });
      return errors;
    },
  });
  const created = create.data;

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Create a cluster
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          create.mutate(
            {
              name: values.name.trim(),
              programmeYearId: values.programmeYearId ?? "",
              facilitationSchoolId: values.facilitationSchoolId ?? "",
              programmeLeadEmails: values.programmeLeadEmails.map((e) => e.trim()),
            },
            {
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
              onSuccess: () => form.reset(),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              required
              autoComplete="off"
              w={240}
              {...form.getInputProps("name")}
            />
            <Select
              label="Programme year"
              required
              data={years.map((y) => ({
                value: y.id,
                label: `${y.programmeName} ${y.academicYear}`,
              }))}
              allowDeselect={false}
              w={280}
              {...form.getInputProps("programmeYearId")}
            />
            <SearchSelect
              label="Facilitation school"
              required
              placeholder="Search by name, URN or code"
              options={(schools.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name} (${s.shortCode})`,
              }))}
              onSearch={setSearch}
              loading={schools.isFetching}
              emptyMessage="No school matches: add it on Admin · Schools first"
              w={320}
              {...form.getInputProps("facilitationSchoolId")}
            />
          </Group>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Programme leads
            </Text>
            <Text size="xs" c="dimmed">
              Each is invited as programme lead of the new cluster.
            </Text>
            {form.values.programmeLeadEmails.map((_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions in the form's list
              <Group key={index} gap="xs" align="flex-start">
                <TextInput
                  aria-label={`Programme lead ${index + 1} email address`}
                  placeholder="name@school.org.uk"
                  type="email"
                  autoComplete="off"
                  w={320}
                  {...form.getInputProps(`programmeLeadEmails.${index}`)}
                />
                {form.values.programmeLeadEmails.length > 1 ? (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={`Remove programme lead ${index + 1}`}
                    onClick={() => form.removeListItem("programmeLeadEmails", index)}
                  >
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
            {form.values.programmeLeadEmails.length < 10 ? (
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                onClick={() => form.insertListItem("programmeLeadEmails", "")}
              >
                Add another programme lead
              </Button>
            ) : null}
          </Stack>
          <Button type="submit" loading={create.isPending} w="fit-content">
            Create cluster
          </Button>
        </Stack>
      </form>
      <ProblemAlert
        error={create.error}
        title="The cluster was not created"
        shownFields={[
          "name",
          "programmeYearId",
          "facilitationSchoolId",
          ...form.values.programmeLeadEmails.map((_, i) => `programmeLeadEmails.${i}`),
        ]}
      />
      {created ? (
        <InvitationsSent
          title={`${created.name} created; programme leads invited`}
          invitations={created.invitations}
        />
      ) : null}
    </Stack>
  );
}
