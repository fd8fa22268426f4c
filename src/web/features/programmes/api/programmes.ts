import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Programme, programmeYearSchema } from "../../../../contracts/network.ts";
import { api } from "../../../lib/api-client.ts";

export type ProgrammeYear = z.infer<typeof programmeYearSchema>;

export interface ProgrammeTemplate {
  key: string;
  name: string;
  description: string;
  themes: Array<{ key: string; name: string; description: string }>;
  workshops: Array<{ position: number; month: number; title: string; focus: string }>;
}

export const programmesQueryOptions = queryOptions({
  queryKey: ["programmes"],
  queryFn: () => api.get<{ items: Programme[] }>("/api/programmes"),
});

export const programmeTemplatesQueryOptions = queryOptions({
  queryKey: ["programme-templates"],
  queryFn: () => api.get<{ items: ProgrammeTemplate[] }>("/api/programme-templates"),
  staleTime: Number.POSITIVE_INFINITY,
});

export const programmeYearsQueryOptions = queryOptions({
  queryKey: ["programme-years"],
  queryFn: () => api.get<{ items: ProgrammeYear[] }>("/api/programme-years"),
});

export const useProgrammes = () => useQuery(programmesQueryOptions);
export const useProgrammeTemplates = () => useQuery(programmeTemplatesQueryOptions);
export const useProgrammeYears = () => useQuery(programmeYearsQueryOptions);

export function useCreateProgrammeFromTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (template: string) => api.post<Programme>("/api/programmes", { template }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["programmes"] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

export function useOpenProgrammeYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { programmeId: string; academicYear: string }) =>
      api.post<ProgrammeYear>("/api/programme-years", input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["programme-years"] });
      void queryClient.invalidateQueries({ queryKey: ["programmes"] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
