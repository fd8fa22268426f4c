import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CaseStudy,
  CaseStudyCard,
  CaseStudyList,
  LibraryQuery,
  updateCaseStudySchema,
} from "../../../contracts/case-studies.ts";
import type { COMPARISONS } from "../../../contracts/strategies.ts";
import { api } from "../../lib/api-client.ts";

export interface EvaluationChoice {
  measureId?: string;
  from?: string;
  to?: string;
  comparison?: (typeof COMPARISONS)[number];
}

const queryString = (q: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  return params.size ? `?${params}` : "";
};

export const libraryQueryOptions = (query: LibraryQuery) =>
  queryOptions({
    queryKey: ["case-studies", "library", query],
    queryFn: () => api.get<CaseStudyList>(`/api/case-studies${queryString(query)}`),
  });

export const useLibrary = (query: LibraryQuery) => useQuery(libraryQueryOptions(query));

export const useDrafts = () =>
  useQuery({
    queryKey: ["case-studies", "drafts"],
    queryFn: () => api.get<{ items: CaseStudyCard[] }>("/api/case-studies/drafts"),
  });

export const caseStudyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["case-studies", "one", id],
    queryFn: () => api.get<CaseStudy>(`/api/case-studies/${id}`),
  });

export const useCaseStudy = (id: string) => useQuery(caseStudyQueryOptions(id));

/** Every step of the workflow answers with the case study as it now is. */
function useStep<I>(id: string, call: (input: I) => Promise<CaseStudy>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (study) => {
      queryClient.setQueryData(caseStudyQueryOptions(id).queryKey, study);
      void queryClient.invalidateQueries({ queryKey: ["case-studies", "library"] });
      void queryClient.invalidateQueries({ queryKey: ["case-studies", "drafts"] });
    },
  });
}

export type CaseStudyChanges = z.input<typeof updateCaseStudySchema>;

export function useCaseStudySteps(id: string) {
  return {
    save: useStep(id, (changes: CaseStudyChanges) =>
      api.patch<CaseStudy>(`/api/case-studies/${id}`, changes),
    ),
    refresh: useStep(id, (choice: EvaluationChoice) =>
      api.post<CaseStudy>(`/api/case-studies/${id}/refresh`, choice),
    ),
    submit: useStep(id, () => api.post<CaseStudy>(`/api/case-studies/${id}/submit`)),
    comment: useStep(id, (body: string) =>
      api.post<CaseStudy>(`/api/case-studies/${id}/comments`, { body }),
    ),
    requestChanges: useStep(id, (body: string) =>
      api.post<CaseStudy>(`/api/case-studies/${id}/request-changes`, { body }),
    ),
    publish: useStep(id, (audience: "cluster" | "network") =>
      api.post<CaseStudy>(`/api/case-studies/${id}/publish`, { audience }),
    ),
    withdraw: useStep(id, () => api.post<CaseStudy>(`/api/case-studies/${id}/withdraw`, {})),
  };
}

export function useStartCaseStudy(strategyId: string) {
  return useMutation({
    mutationFn: (choice: EvaluationChoice) =>
      api.post<CaseStudy>(`/api/strategies/${strategyId}/case-studies`, choice),
  });
}
