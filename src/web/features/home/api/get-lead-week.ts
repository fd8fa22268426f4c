import { queryOptions, useQuery } from "@tanstack/react-query";
import type { LeadWeek } from "../../../../contracts/lead-week.ts";
import { api } from "../../../lib/api-client.ts";

export type { LeadWeek };

/** GET /api/lead/week: the programme lead's overdue actions and visits awaiting a response. */
export const leadWeekQueryOptions = queryOptions({
  queryKey: ["lead-week"],
  queryFn: () => api.get<LeadWeek>("/api/lead/week"),
});

export function useLeadWeek() {
  return useQuery(leadWeekQueryOptions);
}
