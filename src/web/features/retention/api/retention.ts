import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  LegalHold,
  LegalHoldBody,
  RecordsOfProcessing,
  RetentionReport,
  RetentionSchedule,
  RetentionSettingsBody,
  RetentionSettingsView,
} from "../../../../contracts/retention.ts";
import { api } from "../../../lib/api-client.ts";

export type {
  LegalHold,
  RecordsOfProcessing,
  RetentionReport,
  RetentionSchedule,
  RetentionSettingsView,
} from "../../../../contracts/retention.ts";

export const retentionSettingsQueryOptions = queryOptions({
  queryKey: ["retention", "settings"],
  queryFn: () => api.get<RetentionSettingsView>("/api/retention/settings"),
});
export const useRetentionSettings = () => useQuery(retentionSettingsQueryOptions);

export function useSaveRetentionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionSettingsBody) =>
      api.put<RetentionSettingsView>("/api/retention/settings", body),
    onSuccess: (settings) =>
      queryClient.setQueryData(retentionSettingsQueryOptions.queryKey, settings),
  });
}

export function useRunRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) => api.post<RetentionReport>("/api/retention/run", { dryRun }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["retention"] }),
  });
}

export const legalHoldsQueryOptions = queryOptions({
  queryKey: ["retention", "holds"],
  queryFn: () => api.get<{ items: LegalHold[] }>("/api/retention/holds"),
});
export const useLegalHolds = () => useQuery(legalHoldsQueryOptions);

export function usePlaceHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LegalHoldBody) =>
      api.post<{ items: LegalHold[] }>("/api/retention/holds", body),
    onSuccess: (holds) => queryClient.setQueryData(legalHoldsQueryOptions.queryKey, holds),
  });
}

export function useReleaseHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ items: LegalHold[] }>(`/api/retention/holds/${id}/release`),
    onSuccess: (holds) => queryClient.setQueryData(legalHoldsQueryOptions.queryKey, holds),
  });
}

/** Schools and programme years to hold, for the hold form's choices. */
export const holdChoicesQueryOptions = queryOptions({
  queryKey: ["retention", "hold-choices"],
  queryFn: async () => {
    const [schools, years] = await Promise.all([
      api.get<{ items: { id: string; name: string }[] }>("/api/schools?offset=0&limit=200"),
      api.get<{ items: { id: string; programmeName: string; academicYear: string }[] }>(
        "/api/programme-years",
      ),
    ]);
    return { schools: schools.items, years: years.items };
  },
});
export const useHoldChoices = () => useQuery(holdChoicesQueryOptions);

export const recordsQueryOptions = queryOptions({
  queryKey: ["records-of-processing"],
  queryFn: () => api.get<RecordsOfProcessing>("/api/records-of-processing"),
});
export const useRecordsOfProcessing = () => useQuery(recordsQueryOptions);

export const scheduleQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["schools", schoolId, "retention"],
    queryFn: () => api.get<RetentionSchedule>(`/api/schools/${schoolId}/retention`),
  });
export const useRetentionSchedule = (schoolId: string) => useQuery(scheduleQueryOptions(schoolId));
