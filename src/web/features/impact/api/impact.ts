import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { ClusterImpactReport, SchoolImpactReport } from "../../../../contracts/impact.ts";
import { api } from "../../../lib/api-client.ts";

/** Which year, and which dates within it, the school's report covers (all optional). */
export interface ReportPeriod {
  programmeYearId: string | null;
  from: string | null;
  to: string | null;
}

/** The report's query string: only what was chosen. */
export function periodQuery(period: ReportPeriod): string {
  const query = new URLSearchParams();
  if (period.programmeYearId) query.set("programmeYearId", period.programmeYearId);
  if (period.from) query.set("from", period.from);
  if (period.to) query.set("to", period.to);
  return query.size > 0 ? `?${query}` : "";
}

export const schoolReportUrl = (schoolId: string, period: ReportPeriod, pdf = false) =>
  `/api/schools/${schoolId}/impact-report${pdf ? ".pdf" : ""}${periodQuery(period)}`;

export const schoolReportQueryOptions = (schoolId: string, period: ReportPeriod) =>
  queryOptions({
    queryKey: ["impact", "school", schoolId, period],
    queryFn: () => api.get<SchoolImpactReport>(schoolReportUrl(schoolId, period)),
    placeholderData: keepPreviousData,
  });

export const useSchoolReport = (schoolId: string, period: ReportPeriod) =>
  useQuery(schoolReportQueryOptions(schoolId, period));

/** A leader writes the team's what next for the year; the school's reports refresh. */
export function useSaveWhatNext(schoolId: string, programmeYearId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api.put<{ text: string }>(`/api/schools/${schoolId}/impact-report/what-next`, {
        programmeYearId,
        text,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["impact", "school", schoolId] }),
  });
}

export const clusterReportUrl = (clusterId: string, pdf = false) =>
  `/api/clusters/${clusterId}/impact-report${pdf ? ".pdf" : ""}`;

export const useClusterReport = (clusterId: string) =>
  useQuery({
    queryKey: ["impact", "cluster", clusterId],
    queryFn: () => api.get<ClusterImpactReport>(clusterReportUrl(clusterId)),
  });
