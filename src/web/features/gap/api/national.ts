import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  NationalFigure,
  NationalMeasure,
  newNationalFigureSchema,
} from "../../../../contracts/national.ts";
import { api } from "../../../lib/api-client.ts";

export type NewNationalFigure = z.input<typeof newNationalFigureSchema>;

export const nationalFiguresQueryOptions = queryOptions({
  queryKey: ["national-figures"],
  queryFn: () =>
    api.get<{ measures: NationalMeasure[]; figures: NationalFigure[] }>("/api/national-figures"),
  staleTime: 5 * 60_000,
});

export const useNationalFigures = () => useQuery(nationalFiguresQueryOptions);

/** Adds a year's national figures (network administrators); the gap dashboards pick them up. */
export function useAddNationalFigure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (row: NewNationalFigure) => api.post<NationalFigure>("/api/national-figures", row),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["national-figures"] });
      void queryClient.invalidateQueries({ queryKey: ["gap"] });
    },
  });
}

/** Maps one of the school's measures to a national measure, or clears it (null). */
export function useMapNationalMeasure(schoolId: string, measureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (nationalMeasureKey: string | null) =>
      api.put<{ measureId: string; nationalMeasureKey: string | null }>(
        `/api/schools/${schoolId}/measures/${measureId}/national-measure`,
        { nationalMeasureKey },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["gap", schoolId] }),
  });
}

export const NATIONAL_STATUS_LABELS = {
  provisional: "provisional",
  revised: "revised",
  final: "final",
} as const;
