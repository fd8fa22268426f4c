import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  reviewInputSchema,
  Strategy,
  StrategyOptions,
  strategyInputSchema,
  strategySummarySchema,
  updateStrategySchema,
} from "../../../../contracts/strategies.ts";
import { api } from "../../../lib/api-client.ts";

export type StrategySummary = z.infer<typeof strategySummarySchema>;
export type StrategyInput = z.input<typeof strategyInputSchema>;
export type StrategyChanges = z.input<typeof updateStrategySchema>;
export type ReviewInput = z.input<typeof reviewInputSchema>;

export const strategiesQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["strategies", "school", schoolId],
    queryFn: () => api.get<{ items: StrategySummary[] }>(`/api/schools/${schoolId}/strategies`),
    select: (data) => data.items,
  });

export const useStrategies = (schoolId: string) => useQuery(strategiesQueryOptions(schoolId));

export const strategyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["strategies", "one", id],
    queryFn: () => api.get<Strategy>(`/api/strategies/${id}`),
  });

export const useStrategy = (id: string) => useQuery(strategyQueryOptions(id));

export const strategyOptionsQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["strategies", "options", schoolId],
    queryFn: () => api.get<StrategyOptions>(`/api/schools/${schoolId}/strategy-options`),
    staleTime: 5 * 60_000,
  });

export const useStrategyOptions = (schoolId: string) =>
  useQuery(strategyOptionsQueryOptions(schoolId));

/** Every change answers with the whole strategy: it replaces the cached one, and the list refreshes. */
function useStrategyChange<I>(send: (input: I) => Promise<Strategy>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (strategy) => {
      queryClient.setQueryData(strategyQueryOptions(strategy.id).queryKey, strategy);
      void queryClient.invalidateQueries({ queryKey: ["strategies", "school", strategy.schoolId] });
    },
  });
}

export const useCreateStrategy = (schoolId: string) =>
  useStrategyChange((input: StrategyInput) =>
    api.post<Strategy>(`/api/schools/${schoolId}/strategies`, input),
  );

/** Edits the plan, or moves the status or cascade stage; the version guards stale edits. */
export const useUpdateStrategy = (id: string) =>
  useStrategyChange((changes: StrategyChanges) =>
    api.patch<Strategy>(`/api/strategies/${id}`, changes),
  );

export const useAddReview = (id: string) =>
  useStrategyChange((review: ReviewInput) =>
    api.post<Strategy>(`/api/strategies/${id}/reviews`, review),
  );

export const useSetParticipants = (id: string) =>
  useStrategyChange((pupilIds: string[]) =>
    api.put<Strategy>(`/api/strategies/${id}/participants`, { pupilIds }),
  );
