import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { NetworkAims } from "../../../../contracts/network-aims.ts";
import { api } from "../../../lib/api-client.ts";

export interface AimsFilters {
  hubId: string | null;
  nationalMeasure: string | null;
}

/** The query string of a filter, for the dashboard and its downloads alike. */
export function aimsQuery(filters: AimsFilters): string {
  const query = new URLSearchParams();
  if (filters.hubId) query.set("hubId", filters.hubId);
  if (filters.nationalMeasure) query.set("nationalMeasure", filters.nationalMeasure);
  return query.size > 0 ? `?${query}` : "";
}

export const networkAimsQueryOptions = (filters: AimsFilters) =>
  queryOptions({
    queryKey: ["network-aims", filters],
    queryFn: () => api.get<NetworkAims>(`/api/network-aims${aimsQuery(filters)}`),
    placeholderData: keepPreviousData,
  });

export const useNetworkAims = (filters: AimsFilters) => useQuery(networkAimsQueryOptions(filters));

export const aimsExportUrl = (format: "csv" | "pdf", filters: AimsFilters) =>
  `/api/network-aims/export.${format}${aimsQuery(filters)}`;
