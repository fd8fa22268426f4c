import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import type { Measure } from "../../../../contracts/pupil-data.ts";
import { api } from "../../../lib/api-client.ts";

export interface GridPupil {
  id: string;
  name: string;
  upn: string;
  yearGroup: string;
  /** Null when not shown to the reader (a para-professional, by default). */
  disadvantaged: boolean | null;
}

export interface SavedValue {
  pupilId: string;
  measureId: string;
  assessmentPointId: string;
  value: number | null;
  display: string;
}

export interface Grid {
  pupils: GridPupil[];
  measures: Measure[];
  values: SavedValue[];
}

export interface ObservationInput {
  pupilId: string;
  measureId: string;
  assessmentPointId: string;
  value: number | string | null;
}

export const gridQueryOptions = (schoolId: string, pointId: string, yearGroup: string | null) =>
  queryOptions({
    queryKey: ["observations", schoolId, pointId, yearGroup],
    queryFn: () => {
      const query = new URLSearchParams({ assessmentPointId: pointId });
      if (yearGroup) query.set("yearGroup", yearGroup);
      return api.get<Grid>(`/api/schools/${schoolId}/observations?${query}`);
    },
    // The grid holds the person's edits: it is not refetched behind their back.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useGrid = (schoolId: string, pointId: string, yearGroup: string | null) =>
  useQuery(gridQueryOptions(schoolId, pointId, yearGroup));

/** Saves a batch, all or nothing. */
export const saveObservations = (observations: ObservationInput[]) =>
  api.put<{ saved: SavedValue[] }>("/api/observations", { observations });

/** After values are saved: the figures built on them are refreshed (the grid keeps its own). */
export function refreshAfterSave(queryClient: QueryClient, schoolId: string) {
  for (const key of ["gap", "pupil", "cohort", "matrix"])
    void queryClient.invalidateQueries({ queryKey: [key] });
  void queryClient.invalidateQueries({ queryKey: ["assessment-points", schoolId] });
}
