import { Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Measure } from "../../../contracts/pupil-data.ts";
import { NumberField } from "../../components/number-field.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type MeasureChanges, useUpdateMeasure } from "../../lib/api/measures.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { readNumberText, withNumberFields } from "../../lib/number-text.ts";
import { hasLevels } from "../../lib/scale-text.ts";

interface Values {
  name: string;
  expected: string;
  nationalDisadvantagedPct: number | string;
  nationalOtherPct: number | string;
}

const outOfPercent = (v: number | string) => {
  const n = readNumberText(v);
  return n !== null && !(n >= 0 && n <= 100);
};

const numberOrNull = (v: number | string) => readNumberText(v);

/** Edits a measure's name, expected value and national figures; the version guards stale edits. */
export function MeasureEditModal({ measure, onClose }: { measure: Measure; onClose: () => void }) {
  const update = useUpdateMeasure();
  const levels = hasLevels(measure) && measure.levels.length > 0;
  const form = useForm<Values>({
    initialValues: {
      name: measure.name,
      expected: measure.expected === null ? "" : String(measure.expected),
      nationalDisadvantagedPct: measure.nationalDisadvantagedPct ?? "",
      nationalOtherPct: measure.nationalOtherPct ?? "",
    },
    validate: withNumberFields<Values>(
      levels
        ? { nationalDisadvantagedPct: "62.5", nationalOtherPct: "80" }
        : {
            expected: String(measure.max),
            nationalDisadvantagedPct: "62.5",
            nationalOtherPct: "80",
          },
      (v) => {
        const errors: Record<string, string> = {};
        if (!v.name.trim()) errors.name = "Enter a name.";
        const expected = readNumberText(v.expected);
        if (expected !== null && (expected < measure.min || expected > measure.max))
          errors.expected = `Use a value from ${measure.min} to ${measure.max}.`;
        for (const field of ["nationalDisadvantagedPct", "nationalOtherPct"] as const)
          if (outOfPercent(v[field])) errors[field] = "A percentage is from 0 to 100.";
        return errors;
      },
    ),
  });

  return (
    <Modal opened onClose={onClose} title={`Edit ${measure.name}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          const changes: MeasureChanges = { version: measure.version };
          if (v.name.trim() !== measure.name) changes.name = v.name.trim();
          const expected = readNumberText(v.expected);
          if (expected !== measure.expected) changes.expected = expected;
          const disadvantaged = numberOrNull(v.nationalDisadvantagedPct);
          if (disadvantaged !== measure.nationalDisadvantagedPct)
            changes.nationalDisadvantagedPct = disadvantaged;
          const other = numberOrNull(v.nationalOtherPct);
          if (other !== measure.nationalOtherPct) changes.nationalOtherPct = other;
          if (Object.keys(changes).length === 1) return onClose();
          update.mutate(
            { id: measure.id, ...changes },
            { onSuccess: onClose, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
          );
        })}
      >
        <Stack gap="sm">
          <TextInput label="Name" required {...form.getInputProps("name")} />
          {levels ? (
            <Select
              label="Expected level"
              description="Pupils at this level or beyond count as at expected."
              data={measure.levels.map((l) => ({
                value: String(l.value),
                label: l.code === l.label ? l.code : `${l.code} · ${l.label}`,
              }))}
              placeholder="No expected level"
              clearable
              {...form.getInputProps("expected")}
              onChange={(value) => form.setFieldValue("expected", value ?? "")}
            />
          ) : (
            <NumberField
              allowNegative={measure.min < 0}
              label="Expected value"
              description={`From ${measure.min} to ${measure.max}; leave empty for none.`}
              {...form.getInputProps("expected")}
            />
          )}
          <Text size="sm" fw={600}>
            National figures: percentage at expected
          </Text>
          <Group grow align="flex-start">
            <NumberField
              label="Disadvantaged (%)"
              {...form.getInputProps("nationalDisadvantagedPct")}
            />
            <NumberField label="Others (%)" {...form.getInputProps("nationalOtherPct")} />
          </Group>
          <ProblemAlert
            error={update.error}
            title="Not saved"
            shownFields={["name", "expected", "nationalDisadvantagedPct", "nationalOtherPct"]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save measure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
