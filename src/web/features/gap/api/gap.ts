import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { Gap, GapOverview } from "../../../../contracts/pupil-data.ts";
import { api } from "../../../lib/api-client.ts";

export interface GapFilters {
  assessmentPointId: string | null;
  yearGroup: string | null;
}

function queryOf(filters: GapFilters, measureId?: string) {
  const query = new URLSearchParams();
  if (measureId) query.set("measureId", measureId);
  if (filters.assessmentPointId) query.set("assessmentPointId", filters.assessmentPointId);
  if (filters.yearGroup) query.set("yearGroup", filters.yearGroup);
  return query.size > 0 ? `?${query}` : "";
}

export const gapOverviewQueryOptions = (schoolId: string, filters: GapFilters) =>
  queryOptions({
    queryKey: ["gap", schoolId, "overview", filters],
    queryFn: () => api.get<GapOverview>(`/api/schools/${schoolId}/gap/overview${queryOf(filters)}`),
    placeholderData: keepPreviousData,
  });

export const useGapOverview = (schoolId: string, filters: GapFilters) =>
  useQuery(gapOverviewQueryOptions(schoolId, filters));

export const gapQueryOptions = (schoolId: string, measureId: string, filters: GapFilters) =>
  queryOptions({
    queryKey: ["gap", schoolId, "measure", measureId, filters],
    queryFn: () => api.get<Gap>(`/api/schools/${schoolId}/gap${queryOf(filters, measureId)}`),
    placeholderData: keepPreviousData,
  });

export const useGap = (schoolId: string, measureId: string, filters: GapFilters) =>
  useQuery(gapQueryOptions(schoolId, measureId, filters));
