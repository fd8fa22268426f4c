import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { CostComparison, StaffHourlyRate } from "../../../../contracts/cost-effectiveness.ts";
import { api } from "../../../lib/api-client.ts";
import type { Comparison } from "./evaluation.ts";

export const costComparisonQueryOptions = (schoolId: string, comparison: Comparison) =>
  queryOptions({
    queryKey: ["strategies", "cost-effectiveness", schoolId, comparison],
    queryFn: () =>
      api.get<CostComparison>(
        `/api/schools/${schoolId}/cost-effectiveness?${new URLSearchParams({ comparison })}`,
      ),
    placeholderData: keepPreviousData,
  });

/** The school's strategies side by side on cost and effect, against one comparison group. */
export const useCostComparison = (schoolId: string, comparison: Comparison) =>
  useQuery(costComparisonQueryOptions(schoolId, comparison));

/** A leader sets (or clears) the hourly staff cost; every comparison of the school refreshes. */
export function useSetStaffHourlyRate(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (poundsPerHour: number | null) =>
      api.put<StaffHourlyRate>(`/api/schools/${schoolId}/staff-hourly-rate`, { poundsPerHour }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ["strategies", "cost-effectiveness", schoolId] }),
  });
}
