import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Measure } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { type MeasureChanges, useUpdateMeasure } from "./api/measures.ts";
import { hasLevels } from "./scale-text.ts";

interface Values {
  name: string;
  expected: string;
  nationalDisadvantagedPct: number | string;
  nationalOtherPct: number | string;
}

const percentage = (v: number | string) =>
  v !== "" && !(Number(v) >= 0 && Number(v) <= 100) ? "A percentage is from 0 to 100." : null;

const numberOrNull = (v: number | string) => (v === "" || v === null ? null : Number(v));

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
    validate: {
      name: (v) => (v.trim() ? null : "Enter a name."),
      expected: (v) =>
        v !== "" &&
        (!Number.isFinite(Number(v)) || Number(v) < measure.min || Number(v) > measure.max)
          ? `Use a value from ${measure.min} to ${measure.max}.`
          : null,
      nationalDisadvantagedPct: percentage,
      nationalOtherPct: percentage,
    },
  });

  return (
    <Modal opened onClose={onClose} title={`Edit ${measure.name}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          const changes: MeasureChanges = { version: measure.version };
          if (v.name.trim() !== measure.name) changes.name = v.name.trim();
          const expected = v.expected === "" ? null : Number(v.expected);
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
            <TextInput
              label="Expected value"
              description={`From ${measure.min} to ${measure.max}; leave empty for none.`}
              inputMode="decimal"
              {...form.getInputProps("expected")}
            />
          )}
          <Text size="sm" fw={600}>
            National figures: percentage at expected
          </Text>
          <Group grow align="flex-start">
            <NumberInput
              label="Disadvantaged (%)"
              min={0}
              max={100}
              decimalScale={1}
              {...form.getInputProps("nationalDisadvantagedPct")}
            />
            <NumberInput
              label="Others (%)"
              min={0}
              max={100}
              decimalScale={1}
              {...form.getInputProps("nationalOtherPct")}
            />
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
