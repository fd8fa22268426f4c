import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type { Measure, Pupil, updatePupilSchema } from "../../../contracts/pupil-data.ts";
import { api } from "../api-client.ts";

export interface PupilFilters {
  search: string;
  yearGroup: string | null;
  disadvantaged: "true" | "false" | null;
  includeLeft: boolean;
}

/** The server's largest page; a school's whole roll takes a few. */
const SERVER_PAGE = 500;

/**
 * Every pupil matching the filters. The API pages and filters but does not
 * sort, so the list is fetched whole (a school's roll is a few pages of 500)
 * and sorted and paged in the browser.
 */
export const pupilsQueryOptions = (schoolId: string, filters: PupilFilters) =>
  queryOptions({
    queryKey: ["pupils", schoolId, filters],
    queryFn: async () => {
      const items: Pupil[] = [];
      let total = 0;
      do {
        // A POST: the search term (a child's name or UPN) must not travel in a URL.
        const page = await api.post<{ items: Pupil[]; total: number }>(
          `/api/schools/${schoolId}/pupils/search`,
          {
            offset: items.length,
            limit: SERVER_PAGE,
            ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
            ...(filters.yearGroup ? { yearGroup: filters.yearGroup } : {}),
            ...(filters.disadvantaged ? { disadvantaged: filters.disadvantaged } : {}),
            ...(filters.includeLeft ? { includeLeft: "true" } : {}),
          },
        );
        items.push(...page.items);
        total = page.total;
        if (page.items.length === 0) break;
      } while (items.length < total);
      return { items, total };
    },
    placeholderData: keepPreviousData,
  });

export const usePupils = (schoolId: string, filters: PupilFilters) =>
  useQuery(pupilsQueryOptions(schoolId, filters));

export interface PupilProfile {
  pupil: Pupil;
  measures: Array<{
    measure: Measure;
    points: Array<{
      assessmentPointId: string;
      name: string;
      academicYear: string;
      startsOn: string;
      value: number;
      display: string;
    }>;
  }>;
  cohortHistory: Array<{ joinedOn: string; leftOn: string | null; reason: string | null }>;
  strategies: Array<{ id: string; title: string }>;
}

export const pupilQueryOptions = (pupilId: string) =>
  queryOptions({
    queryKey: ["pupil", pupilId],
    queryFn: () => api.get<PupilProfile>(`/api/pupils/${pupilId}`),
  });

export const usePupil = (pupilId: string) => useQuery(pupilQueryOptions(pupilId));

export type PupilChanges = z.input<typeof updatePupilSchema>;

export function useUpdatePupil(pupilId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PupilChanges) => api.patch<Pupil>(`/api/pupils/${pupilId}`, changes),
    onSuccess: (pupil) => {
      queryClient.setQueryData(pupilQueryOptions(pupilId).queryKey, (old) =>
        old ? { ...old, pupil } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ["pupil", pupilId, "history"] });
      for (const key of ["pupils", "observations", "gap", "cohort", "matrix"])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
