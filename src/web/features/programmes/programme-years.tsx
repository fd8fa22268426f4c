import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Programme } from "../../../contracts/network.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useOpenProgrammeYear, useProgrammeYears } from "./api/programmes.ts";

/** Opening a programme year, and the years already open. */
export function ProgrammeYears({ programmes }: { programmes: Programme[] }) {
  const years = useProgrammeYears();
  const open = useOpenProgrammeYear();
  const form = useForm({
    initialValues: { programmeId: programmes[0]?.id ?? null, academicYear: "" },
    validate: {
      programmeId: (v) => (v ? null : "Choose the programme."),
      academicYear: (v) => (v.trim() ? null : "Write the academic year like 2026/27."),
    },
  });

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Programme years
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          open.mutate(
            { programmeId: values.programmeId ?? "", academicYear: values.academicYear.trim() },
            {
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
              onSuccess: () => form.reset(),
            },
          ),
        )}
      >
        <Group align="flex-start" gap="sm" wrap="wrap">
          {programmes.length > 1 ? (
            <Select
              label="Programme"
              data={programmes.map((p) => ({ value: p.id, label: p.name }))}
              allowDeselect={false}
              w={260}
              {...form.getInputProps("programmeId")}
            />
          ) : null}
          <TextInput
            label="Academic year"
            autoComplete="off"
            w={200}
            {...form.getInputProps("academicYear")}
          />
          <Button type="submit" loading={open.isPending} mt={25}>
            Open programme year
          </Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed">
        An academic year runs from 1 September to 31 August. Write it like 2026/27.
      </Text>
      <ProblemAlert
        error={open.error}
        title="The programme year was not opened"
        shownFields={["academicYear", "programmeId"]}
      />
      <ProblemAlert error={years.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Programme</Table.Th>
            <Table.Th>Academic year</Table.Th>
            <Table.Th>Runs</Table.Th>
            <Table.Th>Clusters</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {years.data?.items.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm">No programme year is open yet. Open one above.</Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {years.data?.items.map((year) => (
            <Table.Tr key={year.id}>
              <Table.Td>{year.programmeName}</Table.Td>
              <Table.Td>{year.academicYear}</Table.Td>
              <Table.Td>
                {formatDate(year.startsOn)} – {formatDate(year.endsOn)}
              </Table.Td>
              <Table.Td>
                {year.clusterCount === 0 ? (
                  <AnchorLink to="/admin/clusters" size="sm">
                    None yet — create a cluster
                  </AnchorLink>
                ) : (
                  <AnchorLink to="/admin/clusters" size="sm">
                    {year.clusterCount} {year.clusterCount === 1 ? "cluster" : "clusters"}
                  </AnchorLink>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
