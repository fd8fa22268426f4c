import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { Candidates, Cohort } from "../../../contracts/cohort.ts";
import { api } from "../api-client.ts";

/** The ranking at one point; without a point, the server's default-point rule chooses. */
export const candidatesQueryOptions = (schoolId: string, pointId: string | null = null) =>
  queryOptions({
    queryKey: ["cohort", schoolId, "candidates", pointId],
    queryFn: () =>
      api.get<Candidates>(
        `/api/schools/${schoolId}/cohort/candidates${
          pointId ? `?assessmentPointId=${encodeURIComponent(pointId)}` : ""
        }`,
      ),
    placeholderData: keepPreviousData,
  });

export const useCandidates = (schoolId: string, pointId: string | null = null) =>
  useQuery(candidatesQueryOptions(schoolId, pointId));

export const cohortQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["cohort", schoolId, "members"],
    queryFn: () => api.get<Cohort>(`/api/schools/${schoolId}/cohort`),
  });

export const useCohort = (schoolId: string) => useQuery(cohortQueryOptions(schoolId));

/** Confirms the cohort: chosen pupils not yet in it join today, pupils left out leave today. */
export function useConfirmCohort(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { pupilIds: string[]; reason?: string }) =>
      api.put<Cohort>(`/api/schools/${schoolId}/cohort`, input),
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortQueryOptions(schoolId).queryKey, cohort);
      void queryClient.invalidateQueries({ queryKey: ["cohort", schoolId, "candidates"] });
      void queryClient.invalidateQueries({ queryKey: ["matrix"] });
    },
  });
}
