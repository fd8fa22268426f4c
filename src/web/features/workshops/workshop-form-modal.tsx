import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { type UseFormReturnType, useForm } from "@mantine/form";
import type { PlanWorkshop, Workshop } from "../../../contracts/programme-year.ts";
import { toLondon } from "../../../domain/calendar.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useScheduleWorkshop, useUpdateWorkshop } from "../../lib/api/workshops.ts";
import { formatDate, monthName } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";

interface Values {
  planWorkshopId: string | null;
  title: string;
  focus: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  onlineLink: string;
}

const FIELDS = [
  "planWorkshopId",
  "title",
  "focus",
  "date",
  "startTime",
  "endTime",
  "venue",
  "onlineLink",
];

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const validate = {
  title: (v: string) =>
    v.trim() ? null : "Give the workshop a title, or choose one from the plan.",
  date: (v: string) => (v ? null : "Choose the day of the workshop."),
  startTime: (v: string) => (v ? null : "Give the start time, like 09:30."),
  endTime: (v: string, all: Values) =>
    !v
      ? "Give the end time, like 15:30."
      : all.startTime && v <= all.startTime
        ? "The workshop ends after it starts."
        : null,
  onlineLink: (v: string) =>
    v.trim() && !isWebAddress(v.trim()) ? "Use a web address starting https://." : null,
};

/** Schedules a workshop for a cluster, from the programme's plan or the lead's own. */
export function ScheduleWorkshopModal({
  clusterId,
  plan,
  onClose,
  onScheduled,
}: {
  clusterId: string;
  plan: PlanWorkshop[];
  onClose: () => void;
  onScheduled: (workshop: Workshop) => void;
}) {
  const schedule = useScheduleWorkshop();
  const next = plan.find((p) => p.scheduled === 0);
  const form = useForm<Values>({
    initialValues: {
      planWorkshopId: next?.id ?? null,
      title: next?.title ?? "",
      focus: next?.focus ?? "",
      date: next?.suggestedDate ?? "",
      startTime: "09:30",
      endTime: "15:30",
      venue: "",
      onlineLink: "",
    },
    validate,
  });
  const chosen = plan.find((p) => p.id === form.values.planWorkshopId);
  return (
    <Modal opened onClose={onClose} title="Schedule a workshop" size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          schedule.mutate(
            {
              clusterId,
              planWorkshopId: v.planWorkshopId,
              title: v.title.trim(),
              focus: v.focus.trim(),
              date: v.date,
              startTime: v.startTime,
              endTime: v.endTime,
              venue: v.venue.trim(),
              onlineLink: v.onlineLink.trim(),
            },
            {
              onSuccess: onScheduled,
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <Select
            label="From the programme's plan"
            description="Its title, focus and theme fill in; the date suggested is the second Tuesday of its month."
            placeholder="Not from the plan: a workshop of your own"
            clearable
            data={plan.map((p) => ({
              value: p.id,
              label: `${p.position}. ${p.title} (${monthName(p.month)})${p.scheduled > 0 ? " · already scheduled" : ""}`,
            }))}
            {...form.getInputProps("planWorkshopId")}
            onChange={(id) => {
              const item = plan.find((p) => p.id === id);
              form.setFieldValue("planWorkshopId", id);
              if (item) {
                form.setFieldValue("title", item.title);
                form.setFieldValue("focus", item.focus);
                if (item.suggestedDate) form.setFieldValue("date", item.suggestedDate);
              }
            }}
          />
          {chosen?.theme ? (
            <Text size="sm">
              Theme: <strong>{chosen.theme}</strong>
            </Text>
          ) : null}
          <WorkshopFields form={form} />
          <ProblemAlert
            error={schedule.error}
            title="The workshop was not scheduled"
            shownFields={FIELDS}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={schedule.isPending}>
              Schedule workshop
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Changes a workshop's title, focus, day, times or place. */
export function EditWorkshopModal({
  workshop,
  onClose,
}: {
  workshop: Workshop;
  onClose: () => void;
}) {
  const update = useUpdateWorkshop(workshop.id);
  const start = toLondon(new Date(workshop.startsAt));
  const end = toLondon(new Date(workshop.endsAt));
  const form = useForm<Values>({
    initialValues: {
      planWorkshopId: null,
      title: workshop.title,
      focus: workshop.focus,
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      venue: workshop.venue,
      onlineLink: workshop.onlineLink,
    },
    validate,
  });
  return (
    <Modal opened onClose={onClose} title={`Change ${workshop.title}`} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          update.mutate(
            {
              title: v.title.trim(),
              focus: v.focus.trim(),
              date: v.date,
              startTime: v.startTime,
              endTime: v.endTime,
              venue: v.venue.trim(),
              onlineLink: v.onlineLink.trim(),
            },
            { onSuccess: onClose, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
          ),
        )}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Now {formatDate(workshop.startsAt)}. Teams see the change on their calendars at once.
          </Text>
          <WorkshopFields form={form} />
          <ProblemAlert
            error={update.error}
            title="The workshop was not changed"
            shownFields={FIELDS}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WorkshopFields({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <>
      <TextInput label="Title" required {...form.getInputProps("title")} />
      <Textarea label="Focus" autosize minRows={2} maxRows={6} {...form.getInputProps("focus")} />
      <Group grow align="flex-start">
        <TextInput type="date" label="Date" required {...form.getInputProps("date")} />
        <TextInput
          type="time"
          label="Starts"
          description="UK time"
          required
          {...form.getInputProps("startTime")}
        />
        <TextInput
          type="time"
          label="Ends"
          description="UK time"
          required
          {...form.getInputProps("endTime")}
        />
      </Group>
      <TextInput
        label="Venue"
        placeholder="e.g. The facilitation school's hall"
        {...form.getInputProps("venue")}
      />
      <TextInput
        label="Online link"
        placeholder="https://…"
        description="For a workshop held online, or to join from afar."
        {...form.getInputProps("onlineLink")}
      />
    </>
  );
}
