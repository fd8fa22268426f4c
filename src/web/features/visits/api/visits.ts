import {
  queryOptions,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type { Visit, visitUpdateSchema } from "../../../../contracts/programme-year.ts";
import { api } from "../../../lib/api-client.ts";

export type VisitChanges = z.input<typeof visitUpdateSchema>;

export const enrolmentVisitsQueryOptions = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["visits", "enrolment", enrolmentId],
    queryFn: () => api.get<{ items: Visit[] }>(`/api/enrolments/${enrolmentId}/visits`),
    select: (data) => data.items,
  });

export const useEnrolmentVisits = (enrolmentId: string) =>
  useQuery(enrolmentVisitsQueryOptions(enrolmentId));

/** The visits of several schools at once (a cluster's), each list loaded on its own. */
export const useVisitsOf = (enrolmentIds: string[]) =>
  useQueries({ queries: enrolmentIds.map((id) => enrolmentVisitsQueryOptions(id)) });

export const visitQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["visits", "detail", id],
    queryFn: () => api.get<Visit>(`/api/visits/${id}`),
  });

export const useVisit = (id: string) => useQuery(visitQueryOptions(id));

function useVisitChanged() {
  const queryClient = useQueryClient();
  return (visit: Visit) => {
    queryClient.setQueryData(visitQueryOptions(visit.id).queryKey, visit);
    void queryClient.invalidateQueries({ queryKey: ["visits", "enrolment", visit.enrolmentId] });
    void queryClient.invalidateQueries({ queryKey: ["actions", visit.enrolmentId] });
    void queryClient.invalidateQueries({ queryKey: ["calendar"] });
    void queryClient.invalidateQueries({ queryKey: ["progress"] });
  };
}

export function useBookVisit() {
  const changed = useVisitChanged();
  return useMutation({
    mutationFn: (input: { enrolmentId: string; visitOn: string }) =>
      api.post<Visit>("/api/visits", input),
    onSuccess: changed,
  });
}

export function useRecordVisit(id: string) {
  const changed = useVisitChanged();
  return useMutation({
    mutationFn: (changes: VisitChanges) => api.patch<Visit>(`/api/visits/${id}`, changes),
    onSuccess: changed,
  });
}

export function useRespondToVisit(id: string) {
  const changed = useVisitChanged();
  return useMutation({
    mutationFn: (response: string) => api.post<Visit>(`/api/visits/${id}/response`, { response }),
    onSuccess: changed,
  });
}
