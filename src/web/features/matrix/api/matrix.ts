import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Matrix } from "../../../../contracts/cohort.ts";
import { api } from "../../../lib/api-client.ts";

/** What the matrix is asked for: the same query drives the page, the chart and the CSV. */
export interface MatrixQuery {
  view?: "school" | "trio" | "cluster";
  schoolId?: string;
  trioId?: string;
  clusterId?: string;
  from?: string;
  to?: string;
  x?: string;
  y?: string;
}

export function matrixSearchParams(query: MatrixQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  return params.toString();
}

export const matrixQueryOptions = (query: MatrixQuery) =>
  queryOptions({
    queryKey: ["matrix", matrixSearchParams(query)],
    queryFn: () => api.get<Matrix>(`/api/matrix?${matrixSearchParams(query)}`),
    placeholderData: (previous) => previous,
  });

export const useMatrix = (query: MatrixQuery) => useQuery(matrixQueryOptions(query));

/** The CSV of the table, built and audited by the server (pseudonyms outside the viewer's school). */
export const matrixCsvUrl = (query: MatrixQuery) =>
  `/api/matrix/export.csv?${matrixSearchParams(query)}`;

/** Saves the axes as the default of a school's matrix (its leader) or a cluster's (its lead). */
export function useSaveAxes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      scopeType: "school" | "cluster";
      scopeId: string;
      x: string;
      y: string;
    }) => api.put<typeof input>("/api/matrix/settings", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["matrix"] }),
  });
}
