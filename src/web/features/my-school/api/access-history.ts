import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { AccessHistory } from "../../../../contracts/audit.ts";
import { api } from "../../../lib/api-client.ts";

export interface AccessHistoryParams {
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export const accessHistoryQueryOptions = (schoolId: string, params: AccessHistoryParams) =>
  queryOptions({
    queryKey: ["schools", schoolId, "access-history", params],
    queryFn: () => {
      const query = new URLSearchParams({
        offset: String(params.offset),
        limit: String(params.limit),
      });
      if (params.from) query.set("from", params.from);
      if (params.to) query.set("to", params.to);
      return api.get<AccessHistory>(`/api/schools/${schoolId}/access-history?${query}`);
    },
    placeholderData: keepPreviousData,
  });

export const useAccessHistory = (schoolId: string, params: AccessHistoryParams) =>
  useQuery(accessHistoryQueryOptions(schoolId, params));
