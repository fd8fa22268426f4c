import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { programmeYearSchema, School } from "../../../../contracts/network.ts";
import { api } from "../../../lib/api-client.ts";

export type ProgrammeYear = z.infer<typeof programmeYearSchema>;

/** Programme years to put clusters in (newest first). */
export const programmeYearOptionsQueryOptions = queryOptions({
  queryKey: ["programme-years", "options"],
  queryFn: () => api.get<{ items: ProgrammeYear[] }>("/api/programme-years"),
});

export const useProgrammeYearOptions = (enabled = true) =>
  useQuery({ ...programmeYearOptionsQueryOptions, enabled });

/** Active schools matching a search, for choosing one. */
export const schoolSearchQueryOptions = (search: string) =>
  queryOptions({
    queryKey: ["schools", "search", search],
    queryFn: () => {
      const query = new URLSearchParams({ limit: "20" });
      if (search.trim()) query.set("search", search.trim());
      return api.get<{ items: School[]; total: number }>(`/api/schools?${query}`);
    },
    placeholderData: keepPreviousData,
  });

export const useSchoolSearch = (search: string) => useQuery(schoolSearchQueryOptions(search));
