import {
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import type { AssessmentPoint } from "../../../contracts/pupil-data.ts";
import { academicYearOf } from "../../../domain/academic-year.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import {
  londonToday,
  pointLabel,
  useAssessmentPoints,
  useCreateAssessmentPoints,
  useOpenPointEarly,
  usePointAbilities,
} from "../../lib/assessment-points.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";

/** This academic year and the next, for adding points. */
function yearChoices(): string[] {
  const current = academicYearOf(londonToday());
  const start = Number(current.slice(0, 4));
  return [current, `${start + 1}/${String((start + 2) % 100).padStart(2, "0")}`];
}

/** The school's assessment points by academic year; leaders add the six half-terms or one point. */
export function AssessmentPointsSection({ school }: { school: CurrentSchool }) {
  const points = useAssessmentPoints(school.id);
  const abilities = usePointAbilities(school.id).data;
  const byYear = new Map<string, AssessmentPoint[]>();
  for (const p of points.data ?? [])
    byYear.set(p.academicYear, [...(byYear.get(p.academicYear) ?? []), p]);
  const years = [...byYear.keys()].sort().reverse();
  const [opening, setOpening] = useState<AssessmentPoint | null>(null);
  const open = useOpenPointEarly(school.id);

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Assessment points
      </Title>
      <Text size="sm" c="dimmed">
        The dated moments when the school records its measures. Values are entered or imported
        against a point.
      </Text>
      <ProblemAlert error={points.error} title="The assessment points could not be loaded" />
      {points.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading assessment points" />
      ) : null}
      {points.data?.length === 0 ? (
        <Text size="sm">
          No assessment points yet.
          {abilities?.addPoints
            ? " Add the six half-terms of this year below."
            : " The school's leaders add them."}
        </Text>
      ) : null}
      {years.map((year) => (
        <Stack key={year} gap={4}>
          <Title order={3} size="h5">
            {year}
          </Title>
          <Table striped withTableBorder maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Point</Table.Th>
                <Table.Th>Starts</Table.Th>
                <Table.Th>Ends</Table.Th>
                <Table.Th className="num">Values recorded</Table.Th>
                <Table.Th>Open for data</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(byYear.get(year) ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{formatDate(p.startsOn)}</Table.Td>
                  <Table.Td>{formatDate(p.endsOn)}</Table.Td>
                  <Table.Td className="num">{p.observationCount}</Table.Td>
                  <Table.Td>
                    <OpenState
                      point={p}
                      mayOpen={abilities?.openPointEarly ?? false}
                      onOpen={setOpening}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
      {abilities?.addPoints ? <AddPoints schoolId={school.id} /> : null}
      <ConfirmModal
        opened={opening !== null}
        title={opening ? `Open ${pointLabel(opening)} early?` : ""}
        confirmLabel="Open it early"
        color="teal"
        pending={open.isPending}
        error={open.error}
        onClose={() => {
          setOpening(null);
          open.reset();
        }}
        onConfirm={() => opening && open.mutate(opening.id, { onSuccess: () => setOpening(null) })}
      >
        <Text>
          {opening
            ? `${opening.name} begins on ${formatDate(opening.startsOn)}. Opening it now lets the school's staff enter and import values for it straight away. Your name and the time are recorded.`
            : ""}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}

/** Whether a point takes values yet, and the leader's control to open it before it begins. */
function OpenState({
  point,
  mayOpen,
  onOpen,
}: {
  point: AssessmentPoint;
  mayOpen: boolean;
  onOpen: (point: AssessmentPoint) => void;
}) {
  if (point.begun) return <Text size="sm">Yes</Text>;
  if (point.openedEarly)
    return (
      <Text size="sm">
        Opened early by {point.openedEarly.byName} on {formatDate(point.openedEarly.at)}
      </Text>
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm">From {formatDate(point.startsOn)}</Text>
      {mayOpen ? (
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => onOpen(point)}
          aria-label={`Open ${pointLabel(point)} early`}
        >
          Open early
        </Button>
      ) : null}
    </Group>
  );
}

function AddPoints({ schoolId }: { schoolId: string }) {
  const create = useCreateAssessmentPoints(schoolId);
  const choices = yearChoices();
  const [year, setYear] = useState(choices[0] ?? "");
  const form = useForm({
    initialValues: { academicYear: choices[0] ?? "", name: "", startsOn: "", endsOn: "" },
    validate: {
      name: (v) => (v.trim() ? null : "Enter a name."),
      startsOn: (v) => (v ? null : "Choose the first day."),
      endsOn: (v, all) =>
        !v
          ? "Choose the last day."
          : v < all.startsOn
            ? "A point ends on or after it starts."
            : null,
    },
  });
  return (
    <Card withBorder padding="md" maw={900}>
      <Stack gap="md">
        <Title order={3} size="h5">
          Add assessment points
        </Title>
        <Group align="flex-end" gap="sm">
          <Select
            label="Year of the half-terms"
            data={choices}
            value={year}
            onChange={(v) => v && setYear(v)}
            allowDeselect={false}
            w={200}
          />
          <Button
            variant="light"
            loading={create.isPending}
            onClick={() => create.mutate({ academicYear: year, defaults: true })}
          >
            Add the six half-terms
          </Button>
        </Group>
        <form
          noValidate
          aria-label="Add one assessment point"
          onSubmit={form.onSubmit((v) =>
            create.mutate(
              { ...v, name: v.name.trim() },
              {
                onSuccess: () => form.reset(),
                onError: (error) => form.setErrors(fieldErrorsOf(error)),
              },
            ),
          )}
        >
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label="Academic year"
              data={choices}
              allowDeselect={false}
              w={130}
              {...form.getInputProps("academicYear")}
            />
            <TextInput
              label="Name"
              placeholder="e.g. Mock exams"
              w={180}
              {...form.getInputProps("name")}
            />
            <TextInput type="date" label="Starts" w={150} {...form.getInputProps("startsOn")} />
            <TextInput type="date" label="Ends" w={150} {...form.getInputProps("endsOn")} />
            <Button type="submit" variant="default" mt={25}>
              Add point
            </Button>
          </Group>
        </form>
        <ProblemAlert
          error={create.error}
          title="No point was added"
          shownFields={["name", "startsOn", "endsOn"]}
        />
        {create.isSuccess ? (
          <Text size="sm" role="status">
            Added. The points are in the list above.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
