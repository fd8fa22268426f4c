import { Button, Card, Group, List, Loader, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { StatusMark } from "../../components/composition.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { type LeadWeek, useLeadWeek } from "./api/get-lead-week.ts";

/** Lists longer than this show their first few, most pressing first, and a button for the rest. */
const FIRST = 8;

const daysWord = (n: number) => (n === 1 ? "1 day" : `${n} days`);

function Warn() {
  return (
    <span aria-hidden="true" className="mark mark-warn">
      ⚠
    </span>
  );
}

/** A part of the week: its heading, what to say when it is empty, and its items. */
function Part<T>({
  id,
  title,
  items,
  empty,
  render,
  keyOf,
  note,
}: {
  id: string;
  title: string;
  items: T[];
  empty: string;
  render: (item: T) => ReactNode;
  keyOf: (item: T) => string;
  note?: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <Stack gap={4} component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id}>
        {title}
        {items.length > 0 ? ` (${items.length})` : ""}
      </Title>
      {note ? (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      ) : null}
      {items.length === 0 ? (
        <Text size="sm">
          <StatusMark ok label={null} />
          {empty}
        </Text>
      ) : (
        <List spacing={6} listStyleType="none" aria-labelledby={id}>
          {shown.map((item) => (
            <List.Item key={keyOf(item)}>{render(item)}</List.Item>
          ))}
        </List>
      )}
      {items.length > FIRST ? (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={() => setAll((x) => !x)}>
            {all ? `Show the first ${FIRST}` : `Show all ${items.length}`}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

const where = (item: { school: { name: string }; cluster: { name: string } }, several: boolean) =>
  several ? `${item.school.name} (${item.cluster.name})` : item.school.name;

/**
 * A programme lead's week, on their home page: across the schools of the
 * clusters they lead this year, actions agreed at visits that are overdue,
 * how many of the teams' own actions are, and the visits written up that
 * still wait for the school's response, each with the page where it is dealt with.
 */
export function LeadWeekSection() {
  const week = useLeadWeek();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="lead-week-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="lead-week-title">
          Your week across your clusters
        </Title>
        <ProblemAlert error={week.error} title="Your week could not be loaded" />
        {week.isPending ? <Loader role="status" size="sm" aria-label="Loading your week" /> : null}
        {week.data ? <WeekBody week={week.data} /> : null}
      </Stack>
    </Card>
  );
}

function WeekBody({ week }: { week: LeadWeek }) {
  if (week.clusters.length === 0)
    return (
      <Text size="sm">
        You lead no cluster this academic year, so nothing here is yours to follow up. A network
        administrator names a cluster's programme lead.
      </Text>
    );
  const several = week.clusters.length > 1;
  const nothing =
    week.overdueVisitActions.length === 0 &&
    week.overdueTeamActions.length === 0 &&
    week.awaitingResponse.length === 0;
  const covers = (
    <Text size="sm" c="dimmed">
      {week.clusters.map((c) => c.name).join(", ")} · {week.clusters[0]?.academicYear} · as of{" "}
      {formatDate(week.today)}
    </Text>
  );
  if (nothing)
    return (
      <Stack gap="xs">
        {covers}
        <Text size="sm">
          <StatusMark ok label={null} />
          Nothing overdue, and no visit is waiting for a school's response.
        </Text>
      </Stack>
    );
  return (
    <Stack gap="md">
      {covers}
      <Part
        id="lead-week-visit-actions"
        title="Overdue actions agreed at visits"
        items={week.overdueVisitActions}
        empty="Nothing overdue."
        keyOf={(a) => a.id}
        render={(a) => (
          <Text size="sm">
            <Warn />
            <strong>{a.title}</strong> — {where(a, several)} · due {formatDate(a.dueOn)},{" "}
            {daysWord(a.daysOverdue)} overdue{a.status === "in_progress" ? " · in progress" : ""} ·{" "}
            <AnchorLink to="/visits/$visitId" params={{ visitId: a.visit.id }} fw={600}>
              Open the visit of {formatDate(a.visit.visitOn)}
              <span className="visually-hidden"> to {a.school.name}</span>
            </AnchorLink>
          </Text>
        )}
      />
      <Part
        id="lead-week-team-actions"
        title="Teams' own overdue actions"
        note="What a team sets itself stays with the team: you see how many are overdue, not what they say."
        items={week.overdueTeamActions}
        empty="Nothing overdue."
        keyOf={(s) => s.enrolmentId}
        render={(s) => (
          <Text size="sm">
            <Warn />
            <strong>{where(s, several)}</strong>: {s.count}{" "}
            {s.count === 1 ? "action is" : "actions are"} overdue, the oldest due{" "}
            {formatDate(s.oldestDueOn)} ({daysWord(s.daysOverdue)} ago) ·{" "}
            <AnchorLink
              to="/clusters/$clusterId"
              params={{ clusterId: s.cluster.id }}
              hash="progress-title"
              fw={600}
            >
              See {s.cluster.name}'s progress
              <span className="visually-hidden"> for {s.school.name}</span>
            </AnchorLink>
          </Text>
        )}
      />
      <Part
        id="lead-week-awaiting"
        title="Visits awaiting the school's response"
        items={week.awaitingResponse}
        empty="No visit is waiting for a response."
        keyOf={(v) => v.visitId}
        render={(v) => (
          <Text size="sm">
            <Warn />
            <strong>{where(v, several)}</strong> — visited {formatDate(v.visitOn)}
            {v.daysWaiting === 0 ? " (today)" : `, ${daysWord(v.daysWaiting)} ago`} ·{" "}
            {v.agreedActions === 1 ? "1 agreed action" : `${v.agreedActions} agreed actions`} ·{" "}
            <AnchorLink to="/visits/$visitId" params={{ visitId: v.visitId }} fw={600}>
              Open the visit
              <span className="visually-hidden">
                {" "}
                to {v.school.name} on {formatDate(v.visitOn)}
              </span>
            </AnchorLink>
          </Text>
        )}
      />
    </Stack>
  );
}
