import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { AuditPage, ChainCheckView } from "../../../../contracts/audit.ts";
import { api } from "../../../lib/api-client.ts";

export interface AuditFilters {
  actorId?: string;
  action?: string;
  schoolId?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

function queryString(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

export const auditQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: ["audit", filters],
    queryFn: () => api.get<AuditPage>(`/api/audit?${queryString(filters)}`),
    placeholderData: keepPreviousData,
  });

export const useAuditLog = (filters: AuditFilters) => useQuery(auditQueryOptions(filters));

export const auditChainQueryOptions = queryOptions({
  queryKey: ["audit", "chain"],
  queryFn: () => api.get<ChainCheckView>("/api/audit/chain"),
});

export const useAuditChain = () => useQuery(auditChainQueryOptions);

/** The schools to filter by (the first 200 by name; administrators see every school). */
export const auditSchoolsQueryOptions = queryOptions({
  queryKey: ["audit", "schools"],
  queryFn: () =>
    api.get<{ items: { id: string; name: string }[]; total: number }>(
      "/api/schools?offset=0&limit=200&includeArchived=true",
    ),
});

export const useAuditSchools = () => useQuery(auditSchoolsQueryOptions);
