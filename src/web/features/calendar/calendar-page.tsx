import {
  Anchor,
  Badge,
  Chip,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Fragment, useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDay, monthName } from "../../lib/format.ts";
import { type Calendar, type CalendarEvent, type EventKind, useCalendar } from "./api/calendar.ts";
import { EVENT_KINDS, EventDetail, EventKindMark, EventLink, KIND_ORDER } from "./event-kind.tsx";
import { MonthGrid } from "./month-grid.tsx";

type CalendarView = "list" | "month";

/** The months from one date to another, as `YYYY-MM`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let i = 0; i < 24; i++) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) break;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

const monthTitle = (key: string) => `${monthName(Number(key.slice(5, 7)))} ${key.slice(0, 4)}`;

/** The programme year as a timeline by month: workshops, data collection, visits and actions due. */
export function CalendarPage() {
  const calendar = useCalendar();
  const [shown, setShown] = useState<string[]>(KIND_ORDER);
  const [view, setView] = useState<CalendarView>("list");
  const data = calendar.data;
  return (
    <>
      <PageHeader
        title="Calendar"
        intro={
          data
            ? `The programme year from ${formatDay(data.from)} ${data.from.slice(0, 4)} to ${formatDay(data.to)} ${data.to.slice(0, 4)}. Dates and times are UK time.`
            : "The programme year: workshops, data collection, visits and actions due."
        }
        actions={
          <Group gap="md">
            {data && view === "list" ? (
              <Anchor href={`#month-${data.today.slice(0, 7)}`} fw={600}>
                Go to today
              </Anchor>
            ) : null}
            <AnchorLink to="/settings" fw={600}>
              Add to your calendar app
            </AnchorLink>
          </Group>
        }
      />
      <ProblemAlert error={calendar.error} title="The calendar could not be loaded" />
      {calendar.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the calendar" />
      ) : null}
      {data && data.events.length > 0 ? (
        <SegmentedControl
          className="no-print"
          aria-label="Show the calendar as"
          value={view}
          onChange={(value) => setView(value as CalendarView)}
          data={[
            { value: "list", label: "List by month" },
            { value: "month", label: "Month grid" },
          ]}
          mb="md"
        />
      ) : null}
      {data ? (
        <Timeline calendar={data} shown={shown} onShownChange={setShown} view={view} />
      ) : null}
    </>
  );
}

function Timeline({
  calendar,
  shown,
  onShownChange,
  view,
}: {
  calendar: Calendar;
  shown: string[];
  onShownChange: (kinds: string[]) => void;
  view: CalendarView;
}) {
  const counts = new Map<EventKind, number>();
  for (const e of calendar.events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const kinds = KIND_ORDER.filter((k) => counts.has(k));
  const events = calendar.events.filter((e) => shown.includes(e.kind));
  if (calendar.events.length === 0) {
    return (
      <EmptyNote
        action={
          <AnchorLink to="/" size="sm" fw={600}>
            Back to your home page
          </AnchorLink>
        }
      >
        Nothing is on your calendar for this programme year yet. Workshops appear when your
        programme lead schedules them; data collection points when your school adds them.
      </EmptyNote>
    );
  }
  const byMonth = new Map<string, CalendarEvent[]>();
  for (const e of events)
    byMonth.set(e.date.slice(0, 7), [...(byMonth.get(e.date.slice(0, 7)) ?? []), e]);
  const thisMonth = calendar.today.slice(0, 7);
  return (
    <Stack gap="lg">
      <fieldset className="plain-fieldset no-print">
        <legend>
          <Text component="span" size="sm" fw={600}>
            Show
          </Text>
        </legend>
        <Chip.Group multiple value={shown} onChange={onShownChange}>
          <Group gap="xs">
            {kinds.map((kind) => (
              <Chip key={kind} value={kind} variant="outline">
                {EVENT_KINDS[kind].plural} ({counts.get(kind)})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </fieldset>
      {events.length === 0 ? (
        <EmptyNote>Nothing to show: choose at least one kind of event above.</EmptyNote>
      ) : null}
      {events.length > 0 && view === "month" ? (
        <MonthGrid events={events} from={calendar.from} to={calendar.to} today={calendar.today} />
      ) : null}
      {events.length > 0 && view === "list"
        ? monthsBetween(calendar.from, calendar.to).map((month) => (
            <Month
              key={month}
              month={month}
              events={byMonth.get(month) ?? []}
              today={month === thisMonth ? calendar.today : null}
              past={month < thisMonth}
            />
          ))
        : null}
    </Stack>
  );
}

function Month({
  month,
  events,
  today,
  past,
}: {
  month: string;
  events: CalendarEvent[];
  today: string | null;
  past: boolean;
}) {
  const headingId = `month-${month}`;
  // Today's line goes before the first event that is not yet past.
  const todayAt = today === null ? -1 : events.findIndex((e) => e.date >= today);
  const todayLine =
    today !== null ? <li className="timeline-today">Today · {formatDay(today)}</li> : null;
  return (
    <section aria-labelledby={headingId}>
      <Group gap="xs" mb={6}>
        <Title order={2} size="h4" id={headingId} style={{ scrollMarginTop: 72 }}>
          {monthTitle(month)}
        </Title>
        {today !== null ? (
          <Badge variant="light" color="teal">
            This month
          </Badge>
        ) : null}
      </Group>
      {events.length === 0 && today === null ? (
        <Text className="timeline-empty">Nothing {past ? "happened" : "planned"} this month.</Text>
      ) : (
        <ol className="timeline">
          {events.map((event, i) => (
            <Fragment key={`${event.kind}-${event.id}`}>
              {i === todayAt ? todayLine : null}
              <li data-past={(today !== null ? event.date < today : past) || undefined}>
                <span className="timeline-date">{formatDay(event.date)}</span>
                <span>
                  <EventKindMark kind={event.kind} />
                </span>
                <div>
                  <EventLink event={event} />
                  <EventDetail event={event} />
                </div>
              </li>
            </Fragment>
          ))}
          {todayAt === -1 ? todayLine : null}
        </ol>
      )}
    </section>
  );
}
