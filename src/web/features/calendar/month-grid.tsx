import { Button, Group, Text, Title } from "@mantine/core";
import { useState } from "react";
import { monthWeeks, shiftMonth } from "../../../domain/calendar.ts";
import { monthName } from "../../lib/format.ts";
import type { CalendarEvent } from "./api/calendar.ts";
import { EventKindMark, EventLink } from "./event-kind.tsx";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

const monthTitle = (key: string) => `${monthName(Number(key.slice(5, 7)))} ${key.slice(0, 4)}`;

/**
 * One month as a wall calendar (Monday first), moved by month with buttons. Each
 * event is a link in its day's cell, so Tab walks the month in date order; the
 * table prints on its own page, landscape-friendly, with the controls hidden.
 */
export function MonthGrid({
  events,
  from,
  to,
  today,
}: {
  events: CalendarEvent[];
  from: string;
  to: string;
  today: string;
}) {
  const first = from.slice(0, 7);
  const last = to.slice(0, 7);
  const start =
    today.slice(0, 7) < first ? first : today.slice(0, 7) > last ? last : today.slice(0, 7);
  const [month, setMonth] = useState(start);
  const byDay = new Map<string, CalendarEvent[]>();
  for (const e of events)
    byDay.set(e.date.slice(0, 10), [...(byDay.get(e.date.slice(0, 10)) ?? []), e]);
  const inMonth = events.filter((e) => e.date.slice(0, 7) === month).length;
  const headingId = `grid-${month}`;
  return (
    <section aria-labelledby={headingId} className="month-grid-section">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h3" id={headingId} aria-live="polite">
          {monthTitle(month)}
        </Title>
        <Group gap="xs" className="no-print">
          <Button
            variant="default"
            size="xs"
            disabled={month <= first}
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            ← {monthName(Number(shiftMonth(month, -1).slice(5, 7)))}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={today.slice(0, 7) === month}
            onClick={() => setMonth(today.slice(0, 7))}
          >
            This month
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={month >= last}
            onClick={() => setMonth(shiftMonth(month, 1))}
          >
            {monthName(Number(shiftMonth(month, 1).slice(5, 7)))} →
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {inMonth === 0
          ? "Nothing on the calendar this month."
          : `${inMonth} ${inMonth === 1 ? "event" : "events"} this month.`}
      </Text>
      <table className="month-grid">
        <caption className="visually-hidden">
          {monthTitle(month)}, by week from Monday to Sunday
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col">
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find(Boolean) ?? month}>
              {WEEKDAYS.map(([short], column) => {
                const day = week[column] ?? null;
                if (day === null) return <td key={`pad-${short}`} className="month-grid-pad" />;
                const dayEvents = byDay.get(day) ?? [];
                return (
                  <td
                    key={day}
                    data-today={day === today || undefined}
                    data-past={day < today || undefined}
                    data-testid="grid-day"
                  >
                    <span className="month-grid-day">
                      {Number(day.slice(8, 10))}
                      {day === today ? <span className="visually-hidden"> (today)</span> : null}
                    </span>
                    {dayEvents.length > 0 ? (
                      <ul>
                        {dayEvents.map((event) => (
                          <li key={`${event.kind}-${event.id}`}>
                            <EventKindMark kind={event.kind} />
                            <EventLink event={event} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
