import { Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDay } from "../../lib/format.ts";
import { useUpcoming } from "./api/calendar.ts";
import { EventDetail, EventKindMark, EventLink } from "./event-kind.tsx";

/** `Today`, `Tomorrow`, or the day (`Tue 24 Nov`). */
function dayLabel(date: string, today: string): string {
  if (date === today) return "Today";
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString();
  if (date === tomorrow.slice(0, 10)) return `Tomorrow, ${formatDay(date)}`;
  return date.slice(0, 4) === today.slice(0, 4)
    ? formatDay(date)
    : `${formatDay(date)} ${date.slice(0, 4)}`;
}

/** The home page's "what's next for me": the next three things on the person's calendar. */
export function WhatsNextCard() {
  const upcoming = useUpcoming(3);
  const events = upcoming.data?.events ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="whats-next-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="whats-next-title">
            What's next for you
          </Title>
          <AnchorLink to="/calendar" size="sm" fw={600}>
            Open the calendar
          </AnchorLink>
        </Group>
        <ProblemAlert error={upcoming.error} title="What's next could not be loaded" />
        {upcoming.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading what's next" />
        ) : null}
        {upcoming.isSuccess && events.length === 0 ? (
          <Text size="sm">
            Nothing else is coming up for you this programme year. Workshops appear here when your
            programme lead schedules them.
          </Text>
        ) : null}
        {events.length > 0 ? (
          <ol className="next-list" aria-label="Your next three events">
            {events.map((event) => (
              <li key={`${event.kind}-${event.id}`}>
                <Stack gap={2}>
                  <Text size="sm" fw={700}>
                    {dayLabel(event.date, upcoming.data?.today ?? "")}
                  </Text>
                  <span>
                    <EventKindMark kind={event.kind} />
                  </span>
                </Stack>
                <div>
                  <EventLink event={event} />
                  <EventDetail event={event} />
                </div>
              </li>
            ))}
          </ol>
        ) : null}
      </Stack>
    </Card>
  );
}
