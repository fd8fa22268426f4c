import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AssessmentPoint, AssessmentPointList } from "../../contracts/pupil-data.ts";
import { today } from "../../domain/calendar.ts";
import { api } from "./api-client.ts";

export type NewPoints =
  | { academicYear: string; defaults: true }
  | { academicYear: string; name: string; startsOn: string; endsOn: string };

export const assessmentPointsQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["assessment-points", schoolId],
    queryFn: () => api.get<AssessmentPointList>(`/api/schools/${schoolId}/assessment-points`),
    select: (data) => data.items,
  });

export const useAssessmentPoints = (schoolId: string) =>
  useQuery(assessmentPointsQueryOptions(schoolId));

/** What the signed-in person may do with the school's assessment points, as the server's policy says. */
export const usePointAbilities = (schoolId: string) =>
  useQuery({ ...assessmentPointsQueryOptions(schoolId), select: (data) => data.abilities });

export function useCreateAssessmentPoints(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPoints) =>
      api.post<AssessmentPointList>(`/api/schools/${schoolId}/assessment-points`, input),
    onSuccess: (data) => {
      queryClient.setQueryData(assessmentPointsQueryOptions(schoolId).queryKey, data);
      void queryClient.invalidateQueries({ queryKey: ["gap", schoolId] });
    },
  });
}

/** Opens a point for data before it begins (school leaders; recorded on the point and audited). */
export function useOpenPointEarly(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (pointId: string) =>
      api.post<AssessmentPoint>(`/api/schools/${schoolId}/assessment-points/${pointId}/open-early`),
    onSuccess: () => {
      void queryClient.invalidateQueries({
        queryKey: assessmentPointsQueryOptions(schoolId).queryKey,
      });
    },
  });
}

/** Today in Europe/London, as YYYY-MM-DD. */
export function londonToday(): string {
  return today({ now: () => new Date() });
}

/** A point's name with its year, e.g. "Autumn 2 2026/27". */
export const pointLabel = (p: { name: string; academicYear: string }) =>
  `${p.name} ${p.academicYear}`;

/** The points as select options, grouped by academic year, newest year first. */
export function pointOptions(points: Array<{ id: string; name: string; academicYear: string }>) {
  const years = [...new Set(points.map((p) => p.academicYear))].sort().reverse();
  return years.map((year) => ({
    group: year,
    items: points
      .filter((p) => p.academicYear === year)
      .map((p) => ({ value: p.id, label: pointLabel(p) })),
  }));
}
