import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterDetail, ClusterSummary } from "../../../contracts/network.ts";
import { api } from "../api-client.ts";

export interface CreatedCluster extends ClusterSummary {
  invitations: Array<{ email: string; emailed: boolean; url?: string }>;
}

export const clustersQueryOptions = (programmeYearId: string | null) =>
  queryOptions({
    queryKey: ["clusters", "list", programmeYearId],
    queryFn: () =>
      api.get<{ items: ClusterSummary[] }>(
        programmeYearId
          ? `/api/clusters?${new URLSearchParams({ programmeYearId })}`
          : "/api/clusters",
      ),
  });

export const useClusters = (programmeYearId: string | null = null) =>
  useQuery(clustersQueryOptions(programmeYearId));

export const clusterQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["clusters", "detail", id],
    queryFn: () => api.get<ClusterDetail>(`/api/clusters/${id}`),
  });

export const useCluster = (id: string) => useQuery(clusterQueryOptions(id));

export function useCreateCluster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      programmeYearId: string;
      name: string;
      facilitationSchoolId: string;
      programmeLeadEmails: string[];
    }) => api.post<CreatedCluster>("/api/clusters", input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["clusters"] });
      void queryClient.invalidateQueries({ queryKey: ["programme-years"] });
      void queryClient.invalidateQueries({ queryKey: ["invitations"] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
