import { Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { ClusterDetail } from "../../../contracts/network.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SearchSelect } from "../../components/search-select.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useEnrolSchool } from "./api/cluster-changes.ts";
import { useSchoolSearch } from "./api/lookups.ts";

/** Enrols a school that is not yet in this cluster. */
export function EnrolSchoolForm({ cluster }: { cluster: ClusterDetail }) {
  const enrol = useEnrolSchool();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const schools = useSchoolSearch(debounced);
  const enrolled = new Set(cluster.enrolments.map((e) => e.school.id));
  const form = useForm<{ schoolId: string | null }>({
    initialValues: { schoolId: null },
    validate: { schoolId: (v) => (v ? null : "Choose a school to enrol.") },
  });

  return (
    <Stack gap="xs">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          enrol.mutate(
            { clusterId: cluster.id, schoolId: values.schoolId ?? "" },
            {
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
              onSuccess: () => form.reset(),
            },
          ),
        )}
      >
        <Group align="flex-start" gap="sm">
          <SearchSelect
            label="Enrol a school"
            placeholder="Search by name, URN or code"
            options={(schools.data?.items ?? [])
              .filter((s) => !enrolled.has(s.id))
              .map((s) => ({ value: s.id, label: `${s.name} (${s.shortCode})` }))}
            onSearch={setSearch}
            loading={schools.isFetching}
            emptyMessage="No school to enrol matches this search"
            w={340}
            {...form.getInputProps("schoolId")}
          />
          <Button type="submit" loading={enrol.isPending} mt={25}>
            Enrol school
          </Button>
        </Group>
      </form>
      <ProblemAlert
        error={enrol.error}
        title="The school was not enrolled"
        shownFields={["schoolId"]}
      />
    </Stack>
  );
}
