import { Button, Group, Loader, SegmentedControl, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { Enrolment } from "../../../contracts/network.ts";
import type { Action } from "../../../contracts/programme-year.ts";
import { useSchoolEnrolment } from "../../app/current-enrolment.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useTeam } from "../../lib/api/team.ts";
import { useClusterWorkshops } from "../../lib/api/workshops.ts";
import { formatDate } from "../../lib/format.ts";
import { ACTION_FILTERS, type ActionFilter } from "./action-filters.ts";
import { type ActionChoices, ActionFormModal } from "./action-form-modal.tsx";
import { ActionsTable } from "./actions-table.tsx";
import { useActions, useStrategyChoices } from "./api/actions.ts";

export { ACTION_FILTERS, type ActionFilter } from "./action-filters.ts";

const FILTER_LABELS: Record<ActionFilter, string> = {
  all: "All",
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  overdue: "Overdue",
};

const matches = (filter: ActionFilter) => (a: Action) =>
  filter === "all" ? true : filter === "overdue" ? a.overdue : a.status === filter;

/** The team's actions between workshops: from follow-ups, visits, or its own. */
export function ActionsPage({ filter, taskId }: { filter: ActionFilter; taskId?: string }) {
  return (
    <SchoolDataPage
      title="Actions"
      intro="What the team has agreed to do between workshops: who, by when, and how it is going."
    >
      {(school) => <ActionsView key={school.id} school={school} filter={filter} taskId={taskId} />}
    </SchoolDataPage>
  );
}

function ActionsView({
  school,
  filter,
  taskId,
}: {
  school: CurrentSchool;
  filter: ActionFilter;
  taskId?: string;
}) {
  const { enrolment, isPending, error, notEnrolled } = useSchoolEnrolment(school.id);
  if (isPending) return <Loader role="status" size="sm" aria-label="Loading the team's actions" />;
  if (error) return <ProblemAlert error={error} title="The team's actions could not be loaded" />;
  if (notEnrolled || !enrolment)
    return (
      <EmptyNote>
        {school.name} is not enrolled in a programme year, so it has no team actions. A network
        administrator enrols schools in a cluster.
      </EmptyNote>
    );
  return <TeamActions enrolment={enrolment} school={school} filter={filter} taskId={taskId} />;
}

function TeamActions({
  enrolment,
  school,
  filter,
  taskId,
}: {
  enrolment: Enrolment;
  school: CurrentSchool;
  filter: ActionFilter;
  taskId?: string;
}) {
  const navigate = useNavigate();
  const actions = useActions(enrolment.id);
  const team = useTeam(enrolment.id);
  const workshops = useClusterWorkshops(enrolment.cluster.id);
  const strategies = useStrategyChoices(school.id);
  const [editing, setEditing] = useState<Action | "new" | null>(null);

  const choices: ActionChoices = {
    owners: (team.data?.members ?? []).map((m) => ({ value: m.userId, label: m.name })),
    tasks: (workshops.data?.items ?? [])
      .filter((w) => w.tasks.length > 0)
      .map((w) => ({
        group: `${w.title} (${formatDate(w.startsAt)})`,
        items: w.tasks.map((t) => ({
          value: t.id,
          label: `${t.kind === "follow_up" ? "Follow-up" : "Pre-work"}: ${t.title}`,
        })),
      })),
    strategies: strategies.data ?? [],
  };
  // Arriving from a workshop's follow-up task: a new action starts from it.
  const task = taskId
    ? workshops.data?.items.flatMap((w) => w.tasks).find((t) => t.id === taskId)
    : undefined;
  const fromTask = task !== undefined && editing === null;
  const closeForm = () => {
    setEditing(null);
    if (taskId) void navigate({ to: "/my-school/actions", search: { status: filter } });
  };

  const items = actions.data?.items ?? [];
  const shown = items.filter(matches(filter));
  const overdue = items.filter((a) => a.overdue).length;
  const count = (f: ActionFilter) => items.filter(matches(f)).length;
  const ready = team.isSuccess && (workshops.isSuccess || workshops.isError);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <Text fw={600}>
          {school.name} · {enrolment.programmeYear.academicYear} · cluster {enrolment.cluster.name}
        </Text>
        <Button onClick={() => setEditing("new")} disabled={!ready}>
          Add an action
        </Button>
      </Group>
      <ProblemAlert error={actions.error} title="The actions could not be loaded" />
      {actions.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the actions" />
      ) : null}
      {actions.isSuccess && items.length === 0 ? (
        <EmptyNote
          action={
            <Button size="xs" variant="light" onClick={() => setEditing("new")} disabled={!ready}>
              Add the first action
            </Button>
          }
        >
          No actions yet. Turn a workshop's follow-up into an action, or add one of the team's own;
          actions agreed at a visit appear here too.
        </EmptyNote>
      ) : null}
      {items.length > 0 ? (
        <>
          {overdue > 0 ? (
            <Text size="sm" className="overdue" role="status">
              <span aria-hidden="true" className="mark">
                ⚠
              </span>
              {overdue} {overdue === 1 ? "action is" : "actions are"} overdue.
            </Text>
          ) : null}
          <SegmentedControl
            aria-label="Show actions"
            value={filter}
            onChange={(value) =>
              void navigate({ to: "/my-school/actions", search: { status: value as ActionFilter } })
            }
            data={ACTION_FILTERS.map((f) => ({
              value: f,
              label: `${FILTER_LABELS[f]} (${count(f)})`,
            }))}
            className="no-print"
            w="fit-content"
          />
          {shown.length === 0 ? (
            <EmptyNote>No {FILTER_LABELS[filter].toLowerCase()} actions.</EmptyNote>
          ) : (
            <ActionsTable
              enrolmentId={enrolment.id}
              actions={shown}
              onEdit={(action) => setEditing(action)}
            />
          )}
        </>
      ) : null}
      {editing !== null || (fromTask && ready) ? (
        <ActionFormModal
          enrolmentId={enrolment.id}
          action={editing !== null && editing !== "new" ? editing : undefined}
          initial={
            fromTask && task
              ? { title: task.title, workshopTaskId: task.id, dueOn: task.dueOn ?? "" }
              : undefined
          }
          choices={choices}
          onClose={closeForm}
        />
      ) : null}
    </Stack>
  );
}
