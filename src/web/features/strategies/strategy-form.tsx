import {
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import type { ReactNode } from "react";
import { type Strategy, strategyInputSchema } from "../../../contracts/strategies.ts";
import { NumberField } from "../../components/number-field.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useMeasures } from "../../lib/api/measures.ts";
import { useEefStrands } from "../../lib/eef-strands.ts";
import { validateWith } from "../../lib/forms.ts";
import { readNumberText, withNumberFields } from "../../lib/number-text.ts";
import { type StrategyInput, useStrategyOptions } from "./api/strategies.ts";
import { StrandFacts } from "./strand-facts.tsx";

interface Values {
  title: string;
  description: string;
  themeId: string | null;
  eefStrandId: string | null;
  evidenceReferences: string;
  ownerUserId: string | null;
  startsOn: string;
  endsOn: string;
  sessionsPerWeek: number | string;
  minutesPerSession: number | string;
  costPounds: number | string;
  staffHours: number | string;
  successMeasureId: string | null;
  successChange: number | string;
}

const EMPTY: Values = {
  title: "",
  description: "",
  themeId: null,
  eefStrandId: null,
  evidenceReferences: "",
  ownerUserId: null,
  startsOn: "",
  endsOn: "",
  sessionsPerWeek: "",
  minutesPerSession: "",
  costPounds: "",
  staffHours: "",
  successMeasureId: null,
  successChange: "",
};

const numberOrEmpty = (v: number | null) => (v === null ? "" : v);
const numberOrNull = (v: number | string) => readNumberText(v);

const valuesOf = (s: Strategy): Values => ({
  title: s.title,
  description: s.description,
  themeId: s.theme?.id ?? null,
  eefStrandId: s.eefStrand?.id ?? null,
  evidenceReferences: s.evidenceReferences,
  ownerUserId: s.owner?.id ?? null,
  startsOn: s.startsOn ?? "",
  endsOn: s.endsOn ?? "",
  sessionsPerWeek: numberOrEmpty(s.sessionsPerWeek),
  minutesPerSession: numberOrEmpty(s.minutesPerSession),
  costPounds: numberOrEmpty(s.costPounds),
  staffHours: numberOrEmpty(s.staffHours),
  successMeasureId: s.successMeasure?.id ?? null,
  successChange: numberOrEmpty(s.successChange),
});

/** What the API takes: empty answers become null, so clearing a field clears it. */
export function inputOf(v: Values): StrategyInput {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    themeId: v.themeId,
    eefStrandId: v.eefStrandId,
    evidenceReferences: v.evidenceReferences.trim(),
    ownerUserId: v.ownerUserId,
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    sessionsPerWeek: numberOrNull(v.sessionsPerWeek),
    minutesPerSession: numberOrNull(v.minutesPerSession),
    costPounds: numberOrNull(v.costPounds),
    staffHours: numberOrNull(v.staffHours),
    successMeasureId: v.successMeasureId,
    successChange: numberOrNull(v.successChange),
  };
}

const checkInput = validateWith(strategyInputSchema);

/** The browser checks what the server will, and the order of the dates; text that is no number first. */
const validate = withNumberFields<Values>(
  {
    sessionsPerWeek: "2 or 2.5",
    minutesPerSession: "30",
    costPounds: "250 or 1,200.50",
    staffHours: "6 or 7.5",
    successChange: "2 or -0.5",
  },
  (values) => {
    const errors = checkInput(inputOf(values));
    if (values.startsOn && values.endsOn && values.endsOn < values.startsOn)
      errors.endsOn ??= "The end comes on or after the start.";
    const minutes = readNumberText(values.minutesPerSession);
    if (minutes !== null && !Number.isInteger(minutes))
      errors.minutesPerSession = "Whole minutes, please.";
    return errors;
  },
);

const FIELDS = Object.keys(EMPTY);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="plain-fieldset">
      <legend>
        <Title order={2} size="h4" mb="xs">
          {title}
        </Title>
      </legend>
      <Stack gap="sm">{children}</Stack>
    </fieldset>
  );
}

/**
 * A strategy's plan: what it is, the evidence it draws on, who owns it and
 * when, its dose and cost, and how success will be judged.
 */
export function StrategyForm({
  schoolId,
  strategy,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  schoolId: string;
  strategy?: Strategy;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: StrategyInput, setErrors: (errors: Record<string, string>) => void) => void;
  onCancel: () => void;
}) {
  const options = useStrategyOptions(schoolId);
  const strands = useEefStrands();
  const measures = useMeasures(schoolId);
  const form = useForm<Values>({
    initialValues: strategy ? valuesOf(strategy) : EMPTY,
    // Checked on submit: errors appearing on blur would move the button under the pointer.
    validate,
  });
  const strand = strands.data?.find((s) => s.id === form.values.eefStrandId) ?? null;
  const measure = measures.data?.find((m) => m.id === form.values.successMeasureId) ?? null;
  const themes = options.data?.themes ?? [];

  return (
    <form
      noValidate
      aria-label={submitLabel}
      onSubmit={form.onSubmit((values) =>
        onSubmit(inputOf(values), (errors) => form.setErrors(errors)),
      )}
    >
      <Stack gap="xl" maw={860}>
        <ProblemAlert error={options.error} title="The themes and staff could not be loaded" />
        <Section title="The plan">
          <TextInput
            label="Title"
            required
            description="A short name the team will recognise, e.g. “Reading buddies”."
            {...form.getInputProps("title")}
          />
          <Textarea
            label="Description"
            description="What the pupils will do, with whom and how."
            autosize
            minRows={3}
            {...form.getInputProps("description")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Theme"
              description={
                options.data && themes.length === 0
                  ? "The school is not in a programme year, so there are no themes to choose."
                  : "Which of the programme's themes it works on."
              }
              placeholder="No theme"
              data={themes.map((t) => ({ value: t.id, label: t.name }))}
              clearable
              {...form.getInputProps("themeId")}
            />
            <Select
              label="Owner"
              description="Who in the team leads it."
              placeholder="No owner yet"
              data={(options.data?.staff ?? []).map((s) => ({
                value: s.userId,
                label: s.leader ? `${s.name} (leader)` : s.name,
              }))}
              searchable
              clearable
              nothingFoundMessage="No one of that name works at the school in Cascade"
              {...form.getInputProps("ownerUserId")}
            />
            <TextInput
              type="date"
              label="Starts on"
              description="The first session."
              {...form.getInputProps("startsOn")}
            />
            <TextInput
              type="date"
              label="Ends on"
              description="Leave empty while it is open-ended."
              {...form.getInputProps("endsOn")}
            />
          </SimpleGrid>
        </Section>

        <Section title="The evidence it draws on">
          <Select
            label="EEF Teaching and Learning Toolkit strand"
            description="The Toolkit's headline figures for the strand appear below once chosen."
            placeholder="Search the Toolkit's strands"
            data={(strands.data ?? [])
              // A retired strand stays on a strategy already linked to it, but is not offered anew.
              .filter((s) => !s.retired || s.id === strategy?.eefStrand?.id)
              .map((s) => ({ value: s.id, label: s.retired ? `${s.name} (retired)` : s.name }))}
            searchable
            clearable
            nothingFoundMessage="No strand of that name"
            {...form.getInputProps("eefStrandId")}
          />
          <ProblemAlert error={strands.error} title="The Toolkit strands could not be loaded" />
          {strand ? <StrandFacts strand={strand} /> : null}
          <Textarea
            label="Other references"
            description="Research, guidance or colleagues' experience the team drew on (free text)."
            autosize
            minRows={2}
            {...form.getInputProps("evidenceReferences")}
          />
        </Section>

        <Section title="Dose and cost">
          <Text size="sm" c="dimmed">
            How often and how long each session runs; what it costs in materials, cover and
            training, and in the team's time.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <NumberField label="Sessions per week" {...form.getInputProps("sessionsPerWeek")} />
            <NumberField label="Minutes per session" {...form.getInputProps("minutesPerSession")} />
            <NumberField label="Cost (£)" {...form.getInputProps("costPounds")} />
            <NumberField
              label="Staff hours"
              description="In all, over the strategy: costed at the school's hourly rate."
              {...form.getInputProps("staffHours")}
            />
          </SimpleGrid>
        </Section>

        <Section title="How you will know it worked">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Success measure"
              description="The measure the team expects the strategy to move."
              placeholder="Choose one of the school's measures"
              data={(measures.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              searchable
              clearable
              {...form.getInputProps("successMeasureId")}
            />
            <NumberField
              allowNegative
              label="Change hoped for"
              description={
                measure
                  ? `In ${measure.name}'s units (${measure.min} to ${measure.max}), between the first and last assessment points.`
                  : "In the measure's units, between the first and last assessment points."
              }
              {...form.getInputProps("successChange")}
            />
          </SimpleGrid>
        </Section>

        <ProblemAlert error={error} title="Not saved" shownFields={FIELDS} />
        {Object.keys(form.errors).length > 0 ? (
          <Text size="sm" c="red.9" role="alert">
            Check the fields marked in red.
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
