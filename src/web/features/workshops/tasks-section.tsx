import {
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Workshop } from "../../../contracts/programme-year.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useAddTask } from "../../lib/api/workshops.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";

type Task = Workshop["tasks"][number];

const KIND_TITLES = { pre_work: "Before the workshop", follow_up: "After the workshop" } as const;

/** Pre-work and follow-up for every team; staff turn a follow-up into one of their actions. */
export function TasksSection({ workshop, isStaff }: { workshop: Workshop; isStaff: boolean }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="tasks-title">
      <Title order={2} size="h3" id="tasks-title">
        Tasks for every team
      </Title>
      {workshop.tasks.length === 0 ? (
        <Text size="sm">
          {workshop.canManage
            ? "No tasks yet. Set pre-work and follow-up for the teams below."
            : "No tasks yet. Your programme lead sets pre-work and follow-up here."}
        </Text>
      ) : (
        (["pre_work", "follow_up"] as const).map((kind) => {
          const tasks = workshop.tasks.filter((t) => t.kind === kind);
          return tasks.length > 0 ? (
            <Stack key={kind} gap={6}>
              <Title order={3} size="h5">
                {KIND_TITLES[kind]}
              </Title>
              {tasks.map((task) => (
                <TaskItem key={task.id} task={task} isStaff={isStaff} />
              ))}
            </Stack>
          ) : null;
        })
      )}
      {workshop.canManage ? <AddTaskForm workshopId={workshop.id} /> : null}
    </Stack>
  );
}

function TaskItem({ task, isStaff }: { task: Task; isStaff: boolean }) {
  return (
    <Card withBorder padding="sm" maw={820}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {task.title}
          </Text>
          {task.description ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {task.description}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {task.dueOn ? `Due ${formatDate(task.dueOn)}` : "No due date"}
          </Text>
        </Stack>
        {isStaff ? (
          <AnchorLink
            to="/my-school/actions"
            search={{ taskId: task.id }}
            size="sm"
            fw={600}
            aria-label={`Make it one of our actions: ${task.title}`}
          >
            Make it one of our actions
          </AnchorLink>
        ) : null}
      </Group>
    </Card>
  );
}

function AddTaskForm({ workshopId }: { workshopId: string }) {
  const add = useAddTask(workshopId);
  const form = useForm<{
    kind: "pre_work" | "follow_up";
    title: string;
    description: string;
    dueOn: string;
  }>({
    initialValues: { kind: "follow_up", title: "", description: "", dueOn: "" },
    validate: { title: (v) => (v.trim() ? null : "Give the task a title.") },
  });
  return (
    <Card withBorder padding="md" maw={720}>
      <form
        noValidate
        aria-label="Set a task"
        onSubmit={form.onSubmit((v) =>
          add.mutate(
            {
              kind: v.kind,
              title: v.title.trim(),
              description: v.description.trim(),
              dueOn: v.dueOn || null,
            },
            {
              onSuccess: () => form.reset(),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            Set a task
          </Title>
          <Group grow align="flex-start">
            <Select
              label="When"
              allowDeselect={false}
              data={[
                { value: "pre_work", label: "Pre-work: before the workshop" },
                { value: "follow_up", label: "Follow-up: after the workshop" },
              ]}
              {...form.getInputProps("kind")}
            />
            <TextInput type="date" label="Due" {...form.getInputProps("dueOn")} />
          </Group>
          <TextInput label="Task" required {...form.getInputProps("title")} />
          <Textarea
            label="What to do"
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps("description")}
          />
          <ProblemAlert
            error={add.error}
            title="The task was not set"
            shownFields={["kind", "title", "description", "dueOn"]}
          />
          <Group>
            <Button type="submit" variant="light" loading={add.isPending}>
              Set task
            </Button>
            {add.isSuccess ? (
              <Text size="sm" role="status">
                Set for every team.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
