import { queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { calendarEventSchema } from "../../../../contracts/programme-year.ts";
import { api } from "../../../lib/api-client.ts";

export type CalendarEvent = z.infer<typeof calendarEventSchema>;
export type EventKind = CalendarEvent["kind"];

export interface Calendar {
  from: string;
  to: string;
  today: string;
  events: CalendarEvent[];
}

/** The programme year as this person sees it (the server picks the academic year around today). */
export const calendarQueryOptions = queryOptions({
  queryKey: ["calendar", "year"],
  queryFn: () => api.get<Calendar>("/api/calendar"),
});

export const useCalendar = () => useQuery(calendarQueryOptions);

/** The next few things on the calendar, from today. */
export const upcomingQueryOptions = (count: number) =>
  queryOptions({
    queryKey: ["calendar", "upcoming", count],
    queryFn: () => api.get<Calendar>(`/api/calendar?upcoming=${count}`),
  });

export const useUpcoming = (count = 3) => useQuery(upcomingQueryOptions(count));
