import {
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { NumberField } from "../../components/number-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { londonToday } from "../../lib/assessment-points.ts";
import { formatDate } from "../../lib/format.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { readNumberText, withNumberFields } from "../../lib/number-text.ts";
import {
  type NewNationalFigure,
  useAddNationalFigure,
  useNationalFigures,
} from "./api/national.ts";

const FIELDS = [
  "measureKey",
  "academicYear",
  "disadvantaged",
  "other",
  "allPupils",
  "gap",
  "status",
  "source",
  "sourceUrl",
  "readOn",
];

/** The DfE's national figures that gap dashboards compare with, and a form to add a year's. */
export function NationalFiguresPage() {
  const national = useNationalFigures();
  const measures = national.data?.measures ?? [];
  const figures = national.data?.figures ?? [];
  const nameOf = (key: string) => measures.find((m) => m.key === key)?.name ?? key;
  return (
    <>
      <PageHeader
        title="National figures"
        intro="The DfE's published attainment of disadvantaged pupils and their peers in England, by year. Schools link their measures to these to see them beside their own on the gap dashboard."
      />
      <Stack gap="md">
        <ProblemAlert error={national.error} title="The national figures could not be loaded" />
        {national.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the national figures" />
        ) : null}
        {figures.length > 0 ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="data-table-region" aria-label="National figures" tabIndex={0}>
            <Table striped stickyHeader verticalSpacing="xs" miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Measure</Table.Th>
                  <Table.Th scope="col">Year</Table.Th>
                  <Table.Th scope="col" className="num">
                    Disadvantaged
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Other pupils
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    All
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Gap or index
                  </Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Source, read on</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.map((f) => (
                  <Table.Tr key={f.id} data-testid="national-row">
                    <Table.Th scope="row">{nameOf(f.measureKey)}</Table.Th>
                    <Table.Td>{f.academicYear}</Table.Td>
                    <Table.Td className="num">{formatNumber(f.disadvantaged, 1)}</Table.Td>
                    <Table.Td className="num">{formatNumber(f.other, 1)}</Table.Td>
                    <Table.Td className="num">{formatNumber(f.allPupils, 1)}</Table.Td>
                    <Table.Td className="num">{formatNumber(f.gap, 2)}</Table.Td>
                    <Table.Td>{f.status}</Table.Td>
                    <Table.Td>
                      {f.sourceUrl ? (
                        <a href={f.sourceUrl} rel="noreferrer">
                          {f.source}
                        </a>
                      ) : (
                        f.source
                      )}
                      , {formatDate(f.readOn)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ) : null}
        {measures.length > 0 ? (
          <AddFigureForm measures={measures.map((m) => ({ value: m.key, label: m.name }))} />
        ) : null}
      </Stack>
    </>
  );
}

interface Values {
  measureKey: string;
  academicYear: string;
  disadvantaged: number | string;
  other: number | string;
  allPupils: number | string;
  gap: number | string;
  status: string;
  source: string;
  sourceUrl: string;
  readOn: string;
}

const optional = (v: number | string) => readNumberText(v);
const toInput = (v: Values): NewNationalFigure => ({
  measureKey: v.measureKey,
  academicYear: v.academicYear.trim(),
  disadvantaged: optional(v.disadvantaged),
  other: optional(v.other),
  allPupils: optional(v.allPupils),
  gap: optional(v.gap),
  status: v.status as NewNationalFigure["status"],
  source: v.source,
  ...(v.sourceUrl.trim() ? { sourceUrl: v.sourceUrl.trim() } : {}),
  readOn: v.readOn,
});

function AddFigureForm({ measures }: { measures: { value: string; label: string }[] }) {
  const add = useAddNationalFigure();
  const form = useForm<Values>({
    initialValues: {
      measureKey: measures[0]?.value ?? "",
      academicYear: "",
      disadvantaged: "",
      other: "",
      allPupils: "",
      gap: "",
      status: "provisional",
      source: "",
      sourceUrl: "",
      readOn: londonToday(),
    },
    // The server checks the rest; text that is no number is refused here, where it was typed.
    validate: withNumberFields<Values>({
      disadvantaged: "57.5",
      other: "75",
      allPupils: "70",
      gap: "3.2 or -0.5",
    }),
  });
  return (
    <Card withBorder padding="md">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          add.mutate(toInput(values), {
            onSuccess: () => form.reset(),
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          }),
        )}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Add a year's figures
          </Title>
          <Text size="sm" c="dimmed">
            Copy the figures from the DfE's release; give the gap index as the gap, alone.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="National measure"
              data={measures}
              allowDeselect={false}
              {...form.getInputProps("measureKey")}
            />
            <TextInput
              label="Academic year"
              placeholder="2025/26"
              {...form.getInputProps("academicYear")}
            />
            <NumberField label="Disadvantaged pupils" {...form.getInputProps("disadvantaged")} />
            <NumberField label="Other pupils" {...form.getInputProps("other")} />
            <NumberField label="All pupils" {...form.getInputProps("allPupils")} />
            <NumberField allowNegative label="Gap or gap index" {...form.getInputProps("gap")} />
            <Select
              label="Status"
              data={[
                { value: "provisional", label: "Provisional" },
                { value: "revised", label: "Revised" },
                { value: "final", label: "Final" },
              ]}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
            <TextInput type="date" label="Read on" {...form.getInputProps("readOn")} />
            <TextInput label="Source" {...form.getInputProps("source")} />
            <TextInput
              label="Source address"
              placeholder="https://explore-education-statistics.service.gov.uk/…"
              {...form.getInputProps("sourceUrl")}
            />
          </SimpleGrid>
          <ProblemAlert error={add.error} title="Not added" shownFields={FIELDS} />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              Add figures
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
