import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createMeasureSchema, Measure, MeasureList } from "../../../contracts/pupil-data.ts";
import { api } from "../api-client.ts";

export type MeasureInput = z.input<typeof createMeasureSchema>;

export interface MeasureChanges {
  version: number;
  name?: string;
  expected?: number | null;
  nationalDisadvantagedPct?: number | null;
  nationalOtherPct?: number | null;
  archived?: boolean;
}

export const measuresQueryOptions = (schoolId: string, includeArchived = false) =>
  queryOptions({
    queryKey: ["measures", schoolId, { includeArchived }],
    queryFn: () =>
      api.get<MeasureList>(
        `/api/schools/${schoolId}/measures${includeArchived ? "?includeArchived=true" : ""}`,
      ),
    select: (data) => data.items,
  });

export const useMeasures = (schoolId: string, includeArchived = false) =>
  useQuery(measuresQueryOptions(schoolId, includeArchived));

/** What the signed-in person may do with the school's measures, as the server's policy says. */
export const useMeasureAbilities = (schoolId: string, includeArchived = false) =>
  useQuery({
    ...measuresQueryOptions(schoolId, includeArchived),
    select: (data) => data.abilities,
  });

/** Measures feed the grid, the gap and profiles: all of them are refreshed after a change. */
function refreshAfterMeasureChange(queryClient: ReturnType<typeof useQueryClient>) {
  for (const key of ["measures", "observations", "gap", "pupil"])
    void queryClient.invalidateQueries({ queryKey: [key] });
}

export function useCreateMeasure(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeasureInput) =>
      api.post<Measure>(`/api/schools/${schoolId}/measures`, input),
    onSuccess: () => refreshAfterMeasureChange(queryClient),
  });
}

export function useUpdateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: MeasureChanges & { id: string }) =>
      api.patch<Measure>(`/api/measures/${id}`, changes),
    onSuccess: () => refreshAfterMeasureChange(queryClient),
  });
}
