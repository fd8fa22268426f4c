import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Action } from "../../../contracts/programme-year.ts";
import { ACTION_STATUSES } from "../../../contracts/programme-year.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import {
  type ActionStatus,
  STATUS_LABELS,
  useCreateAction,
  useUpdateAction,
} from "./api/actions.ts";

export interface ActionChoices {
  owners: Array<{ value: string; label: string }>;
  tasks: Array<{ group: string; items: Array<{ value: string; label: string }> }>;
  strategies: Array<{ value: string; label: string }>;
}

interface Values {
  title: string;
  notes: string;
  ownerUserId: string | null;
  dueOn: string;
  status: ActionStatus;
  workshopTaskId: string | null;
  strategyId: string | null;
  pupilGroup: string;
}

const FIELDS = [
  "title",
  "notes",
  "ownerUserId",
  "dueOn",
  "status",
  "workshopTaskId",
  "strategyId",
  "pupilGroup",
];

/** Adds an action to the team's list, or changes one. */
export function ActionFormModal({
  enrolmentId,
  action,
  initial,
  choices,
  onClose,
}: {
  enrolmentId: string;
  /** The action to change; none to add one. */
  action?: Action;
  /** Starting values for a new action (e.g. from a workshop's follow-up task). */
  initial?: Partial<Values>;
  choices: ActionChoices;
  onClose: () => void;
}) {
  const create = useCreateAction(enrolmentId);
  const update = useUpdateAction(enrolmentId);
  const mutation = action ? update : create;
  const form = useForm<Values>({
    initialValues: {
      title: action?.title ?? "",
      notes: action?.notes ?? "",
      ownerUserId: action?.owner?.id ?? null,
      dueOn: action?.dueOn ?? "",
      status: action?.status ?? "open",
      workshopTaskId: action?.workshopTask?.id ?? null,
      strategyId: action?.strategy?.id ?? null,
      pupilGroup: action?.pupilGroup ?? "",
      ...initial,
    },
    validate: {
      title: (v) =>
        v.trim()
          ? v.trim().length > 200
            ? "Keep the title to 200 characters."
            : null
          : "Give the action a title.",
      pupilGroup: (v) => (v.trim().length > 120 ? "Keep the pupil group to 120 characters." : null),
    },
  });
  const submit = form.onSubmit((v) => {
    const body = {
      title: v.title.trim(),
      notes: v.notes.trim(),
      ownerUserId: v.ownerUserId,
      dueOn: v.dueOn || null,
      status: v.status,
      workshopTaskId: v.workshopTaskId,
      strategyId: v.strategyId,
      pupilGroup: v.pupilGroup.trim() || null,
    };
    const options = {
      onSuccess: onClose,
      onError: (error: unknown) => form.setErrors(fieldErrorsOf(error)),
    };
    if (action) update.mutate({ id: action.id, ...body }, options);
    else create.mutate(body, options);
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={action ? `Change “${action.title}”` : "Add an action"}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label="What will be done" required {...form.getInputProps("title")} />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps("notes")}
          />
          <Group grow align="flex-start">
            <Select
              label="Owner"
              placeholder="No one yet"
              data={choices.owners}
              clearable
              {...form.getInputProps("ownerUserId")}
            />
            <TextInput type="date" label="Due" {...form.getInputProps("dueOn")} />
            <Select
              label="Status"
              data={ACTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
          </Group>
          <Select
            label="From a workshop task"
            description="A follow-up or pre-work task the action delivers, if any."
            placeholder="Not from a workshop"
            data={choices.tasks}
            clearable
            searchable
            nothingFoundMessage="No task of that name"
            {...form.getInputProps("workshopTaskId")}
          />
          <Group grow align="flex-start">
            <Select
              label="Strategy"
              placeholder={
                choices.strategies.length ? "No strategy" : "The school has no strategies yet"
              }
              data={choices.strategies}
              clearable
              searchable
              disabled={choices.strategies.length === 0 && !form.values.strategyId}
              {...form.getInputProps("strategyId")}
            />
            <TextInput
              label="Pupil group"
              placeholder="e.g. Target cohort, Year 4"
              {...form.getInputProps("pupilGroup")}
            />
          </Group>
          <ProblemAlert
            error={mutation.error}
            title={action ? "The action was not changed" : "The action was not added"}
            shownFields={FIELDS}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {action ? "Save changes" : "Add action"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
