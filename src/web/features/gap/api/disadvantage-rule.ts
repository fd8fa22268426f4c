import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DisadvantageSettings } from "../../../../contracts/pupil-data.ts";
import { api } from "../../../lib/api-client.ts";

export const disadvantageRuleQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["disadvantage-rule", schoolId],
    queryFn: () => api.get<DisadvantageSettings>(`/api/schools/${schoolId}/disadvantage-rule`),
  });

export const useDisadvantageRule = (schoolId: string) =>
  useQuery(disadvantageRuleQueryOptions(schoolId));

export function useChangeDisadvantageRule(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: DisadvantageSettings["rule"]) =>
      api.put<DisadvantageSettings>(`/api/schools/${schoolId}/disadvantage-rule`, { rule }),
    onSuccess: (settings) => {
      queryClient.setQueryData(disadvantageRuleQueryOptions(schoolId).queryKey, settings);
      // Everything that splits pupils into disadvantaged and others reads the rule.
      for (const key of ["pupils", "pupil", "gap", "cohort", "candidates", "matrix", "strategy"])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
