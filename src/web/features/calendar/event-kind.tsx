import { Text } from "@mantine/core";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { formatTime } from "../../lib/format.ts";
import type { CalendarEvent, EventKind } from "./api/calendar.ts";
import "./calendar.css";

/** Each kind of event: a word, a shape and a colour, so colour is never the only signal. */
export const EVENT_KINDS: Record<EventKind, { label: string; plural: string; symbol: string }> = {
  workshop: { label: "Workshop", plural: "Workshops", symbol: "◆" },
  "assessment-point": { label: "Data due", plural: "Data collection", symbol: "▲" },
  visit: { label: "Visit", plural: "Visits", symbol: "●" },
  action: { label: "Action due", plural: "Actions due", symbol: "■" },
};

export const KIND_ORDER: EventKind[] = ["workshop", "assessment-point", "visit", "action"];

export function EventKindMark({ kind }: { kind: EventKind }) {
  const info = EVENT_KINDS[kind];
  return (
    <span className="event-kind" data-kind={kind}>
      <span aria-hidden="true" className="event-kind-symbol">
        {info.symbol}
      </span>
      {info.label}
    </span>
  );
}

/** The event's title without the kind the mark already says. */
export function eventTitle(event: CalendarEvent): string {
  return event.title.replace(/^(Workshop|Data due|Action due): /, "");
}

/** A workshop's hours; other events last the day. */
export function eventHours(event: CalendarEvent): string | null {
  return event.startsAt && event.endsAt
    ? `${formatTime(event.startsAt)}–${formatTime(event.endsAt)}`
    : null;
}

/** The event's title as a link to where it is dealt with. */
export function EventLink({ event }: { event: CalendarEvent }) {
  const title = eventTitle(event);
  switch (event.kind) {
    case "workshop":
      return (
        <AnchorLink to="/workshops/$workshopId" params={{ workshopId: event.id }} fw={600}>
          {title}
        </AnchorLink>
      );
    case "visit":
      return (
        <AnchorLink to="/visits/$visitId" params={{ visitId: event.id }} fw={600}>
          {title}
        </AnchorLink>
      );
    case "action":
      return (
        <AnchorLink to="/my-school/actions" fw={600}>
          {title}
        </AnchorLink>
      );
    default:
      return (
        <AnchorLink to="/my-school/data-entry" fw={600}>
          {title}
        </AnchorLink>
      );
  }
}

export function EventDetail({ event }: { event: CalendarEvent }) {
  const hours = eventHours(event);
  const parts = [hours, event.detail].filter(Boolean);
  return parts.length > 0 ? (
    <Text size="sm" c="dimmed">
      {parts.join(" · ")}
    </Text>
  ) : null;
}
