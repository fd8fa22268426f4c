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
import { createMeasureSchema, MEASURE_KINDS, SCALE_KINDS } from "../../../contracts/pupil-data.ts";
import { NumberField } from "../../components/number-field.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type MeasureInput, useCreateMeasure } from "../../lib/api/measures.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { readNumberText, withNumberFields } from "../../lib/number-text.ts";
import { KIND_LABELS, SCALE_LABELS } from "../../lib/scale-text.ts";

interface Values {
  name: string;
  kind: MeasureInput["kind"];
  scale: MeasureInput["scale"];
  min: number | string;
  max: number | string;
  expected: number | string;
  decimals: number | string;
  higherIsBetter: boolean;
  levels: Array<{ code: string; label: string }>;
}

const INITIAL: Values = {
  name: "",
  kind: "other",
  scale: "rating",
  min: 0,
  max: 100,
  expected: "",
  decimals: 0,
  higherIsBetter: true,
  levels: [
    { code: "1", label: "" },
    { code: "2", label: "" },
    { code: "3", label: "" },
  ],
};

const withLevels = (scale: string) => scale === "ordinal" || scale === "rating";

/** The request body: a levelled scale's range and values come from its levels, 1 to n. */
function inputOf(v: Values): MeasureInput {
  const levelled = withLevels(v.scale);
  const levels = levelled
    ? v.levels.map((l, i) => ({
        value: i + 1,
        code: l.code.trim(),
        label: l.label.trim() || l.code.trim(),
      }))
    : [];
  return {
    name: v.name.trim(),
    kind: v.kind,
    scale: v.scale,
    // An empty lowest or highest value is not 0: the form asks for it (NaN fails the check).
    min: levelled ? 1 : (readNumberText(v.min) ?? Number.NaN),
    max: levelled ? Math.max(levels.length, 2) : (readNumberText(v.max) ?? Number.NaN),
    expected: readNumberText(v.expected),
    decimals: levelled ? 0 : (readNumberText(v.decimals) ?? 0),
    higherIsBetter: v.higherIsBetter,
    levels,
  };
}

function useMeasureForm() {
  return useForm<Values>({
    initialValues: INITIAL,
    validate: (values) => {
      const levelled = withLevels(values.scale);
      // A levelled scale's range comes from its levels: only a number scale's fields are read.
      return withNumberFields<Values>(
        levelled ? {} : { min: "0", max: "100", decimals: "1", expected: "50" },
        (v) => {
          const result = createMeasureSchema.safeParse(inputOf(v));
          const errors: Record<string, string> = result.success
            ? {}
            : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
          if (!levelled && readNumberText(v.min) === null) errors.min = "Enter the lowest value.";
          if (!levelled && readNumberText(v.max) === null) errors.max = "Enter the highest value.";
          const decimals = readNumberText(v.decimals) ?? 0;
          if (!levelled && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 3))
            errors.decimals = "Use 0 to 3 decimal places.";
          return errors;
        },
      )(values);
    },
  });
}

/** Adds a measure of the school's own: a rating or levels with codes, or a number in a range. */
export function MeasureCreateModal({
  schoolId,
  opened,
  onClose,
}: {
  schoolId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateMeasure(schoolId);
  const form = useMeasureForm();
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const levelled = withLevels(form.values.scale);

  return (
    <Modal opened={opened} onClose={close} title="Add a measure of the school's own" size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          create.mutate(inputOf(v), {
            onSuccess: close,
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          }),
        )}
      >
        <Stack gap="sm">
          <TextInput label="Name" required {...form.getInputProps("name")} />
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Kind"
              data={MEASURE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              allowDeselect={false}
              {...form.getInputProps("kind")}
            />
            <Select
              label="Scale"
              data={SCALE_KINDS.map((k) => ({ value: k, label: SCALE_LABELS[k] }))}
              allowDeselect={false}
              {...form.getInputProps("scale")}
            />
          </SimpleGrid>
          {levelled ? (
            <LevelsEditor form={form} />
          ) : (
            <SimpleGrid cols={3} spacing="sm">
              <NumberField allowNegative label="Lowest value" {...form.getInputProps("min")} />
              <NumberField allowNegative label="Highest value" {...form.getInputProps("max")} />
              <NumberField label="Decimal places" {...form.getInputProps("decimals")} />
            </SimpleGrid>
          )}
          <SimpleGrid cols={2} spacing="sm">
            {levelled ? (
              <Select
                label="Expected level (optional)"
                data={form.values.levels.map((l, i) => ({
                  value: String(i + 1),
                  label: l.code || `Level ${i + 1}`,
                }))}
                clearable
                value={form.values.expected === "" ? null : String(form.values.expected)}
                onChange={(v) => form.setFieldValue("expected", v ?? "")}
                error={form.errors.expected}
              />
            ) : (
              <NumberField
                allowNegative
                label="Expected value (optional)"
                {...form.getInputProps("expected")}
              />
            )}
            <Checkbox
              mt={30}
              label="Higher is better"
              {...form.getInputProps("higherIsBetter", { type: "checkbox" })}
            />
          </SimpleGrid>
          <ProblemAlert
            error={create.error}
            title="The measure was not added"
            shownFields={["name"]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add measure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LevelsEditor({ form }: { form: ReturnType<typeof useMeasureForm> }) {
  return (
    <fieldset className="plain-fieldset">
      <legend>
        <Text size="sm" fw={600} span>
          Levels, lowest first
        </Text>
      </legend>
      <Stack gap={6} mt={4}>
        {form.values.levels.map((_level, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: levels are edited in place by position
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Text size="sm" w={56} mt={8}>
              Level {i + 1}
            </Text>
            <TextInput
              aria-label={`Code of level ${i + 1}`}
              placeholder="Code"
              w={110}
              {...form.getInputProps(`levels.${i}.code`)}
            />
            <TextInput
              aria-label={`Label of level ${i + 1}`}
              placeholder="Label (optional)"
              style={{ flex: 1 }}
              {...form.getInputProps(`levels.${i}.label`)}
            />
            <Button
              variant="subtle"
              color="red"
              size="xs"
              mt={4}
              disabled={form.values.levels.length <= 2}
              onClick={() => form.removeListItem("levels", i)}
              aria-label={`Remove level ${i + 1}`}
            >
              Remove
            </Button>
          </Group>
        ))}
        {form.errors.levels ? (
          <Text size="sm" c="red.9">
            {form.errors.levels}
          </Text>
        ) : null}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() =>
            form.insertListItem("levels", {
              code: String(form.values.levels.length + 1),
              label: "",
            })
          }
        >
          Add a level
        </Button>
      </Stack>
    </fieldset>
  );
}
