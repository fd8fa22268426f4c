import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { ClusterSummary, School } from "../../../../contracts/network.ts";
import { api } from "../../../lib/api-client.ts";

/** Clusters a programme lead can be invited to. */
export const clusterChoicesQueryOptions = queryOptions({
  queryKey: ["clusters", "choices"],
  queryFn: () => api.get<{ items: ClusterSummary[] }>("/api/clusters"),
});

export const useClusterChoices = (enabled: boolean) =>
  useQuery({ ...clusterChoicesQueryOptions, enabled });

/** Schools matching a search, for inviting school staff. */
export const schoolChoicesQueryOptions = (search: string) =>
  queryOptions({
    queryKey: ["schools", "choices", search],
    queryFn: () => {
      const query = new URLSearchParams({ limit: "20" });
      if (search.trim()) query.set("search", search.trim());
      return api.get<{ items: School[]; total: number }>(`/api/schools?${query}`);
    },
    placeholderData: keepPreviousData,
  });

export const useSchoolChoices = (search: string, enabled: boolean) =>
  useQuery({ ...schoolChoicesQueryOptions(search), enabled });
