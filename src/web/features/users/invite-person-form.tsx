import { Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { ROLE_LABELS, ROLE_SCOPE, ROLES, type Role } from "../../../contracts/roles.ts";
import { InvitationsSent } from "../../components/invitation-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SearchSelect } from "../../components/search-select.tsx";
import { useCreateInvitation } from "../../lib/api/invitations.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useClusterChoices, useSchoolChoices } from "./api/scopes.ts";

interface Values {
  email: string;
  role: Role;
  clusterId: string | null;
  schoolId: string | null;
}

/** Invites a person to any role: the network, a cluster or a school, as the role needs. */
export function InvitePersonForm() {
  const create = useCreateInvitation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const form = useForm<Values>({
    initialValues: { email: "", role: "network_admin", clusterId: null, schoolId: null },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : "Enter an email address."),
      clusterId: (v, values) =>
        ROLE_SCOPE[values.role] === "cluster" && !v ? "Choose the cluster." : null,
      schoolId: (v, values) =>
        ROLE_SCOPE[values.role] === "school" && !v ? "Choose the school." : null,
    },
  });
  const scope = ROLE_SCOPE[form.values.role];
  const clusters = useClusterChoices(scope === "cluster");
  const schools = useSchoolChoices(debounced, scope === "school");

  return (
    <Stack>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const scopeType = ROLE_SCOPE[values.role];
          const scopeId =
            scopeType === "cluster"
              ? values.clusterId
              : scopeType === "school"
                ? values.schoolId
                : null;
          create.mutate(
            {
              email: values.email.trim(),
              role: values.role,
              scopeType,
              ...(scopeId ? { scopeId } : {}),
            },
            {
              onError: (error) => {
                const errors = fieldErrorsOf(error);
                const scopeError = errors.scopeId;
                if (scopeError)
                  errors[scopeType === "cluster" ? "clusterId" : "schoolId"] = scopeError;
                form.setErrors(errors);
              },
              // The role and its school or cluster stay, for inviting the next person.
              onSuccess: () => form.setFieldValue("email", ""),
            },
          );
        })}
      >
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Email address"
            type="email"
            required
            w={300}
            autoComplete="off"
            {...form.getInputProps("email")}
          />
          <Select
            label="Role"
            data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            allowDeselect={false}
            w={220}
            {...form.getInputProps("role")}
          />
          {scope === "cluster" ? (
            <Select
              label="Cluster"
              required
              placeholder={
                clusters.data?.items.length === 0 ? "No clusters yet" : "Choose a cluster"
              }
              data={(clusters.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} (${c.academicYear})`,
              }))}
              searchable
              w={280}
              {...form.getInputProps("clusterId")}
            />
          ) : null}
          {scope === "school" ? (
            <SearchSelect
              label="School"
              required
              placeholder="Search by name, URN or code"
              options={(schools.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name} (${s.shortCode})`,
              }))}
              onSearch={setSearch}
              loading={schools.isFetching}
              emptyMessage="No school matches"
              w={300}
              {...form.getInputProps("schoolId")}
            />
          ) : null}
          <Button type="submit" loading={create.isPending} mt={25}>
            Send invitation
          </Button>
        </Group>
      </form>
      {scope === "school" ? (
        <Text size="sm" c="dimmed">
          This gives a role at the school. To put someone on a school's programme team, invite them
          from the cluster's page or the school's My school page instead.
        </Text>
      ) : null}
      <ProblemAlert error={create.error} title="The invitation was not sent" />
      {create.data ? (
        <InvitationsSent
          title={`Invitation for ${create.data.email} created`}
          invitations={[create.data]}
        />
      ) : null}
    </Stack>
  );
}
