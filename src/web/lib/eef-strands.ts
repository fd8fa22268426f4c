import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  confirmEefStrandSchema,
  EefStrandOut,
  updateEefStrandSchema,
} from "../../contracts/strategies.ts";
import { api } from "./api-client.ts";

export type EefStrand = EefStrandOut;
export type EefStrandChanges = z.input<typeof updateEefStrandSchema>;
export type EefStrandCheck = z.input<typeof confirmEefStrandSchema>;

export const eefStrandsQueryOptions = queryOptions({
  queryKey: ["eef-strands"],
  queryFn: () => api.get<{ items: EefStrand[] }>("/api/eef-strands"),
  select: (data) => data.items,
  staleTime: 5 * 60_000,
});

export const useEefStrands = () => useQuery(eefStrandsQueryOptions);

/** Corrects a strand's headline figures; strategies and the evidence page show the new ones. */
export function useUpdateEefStrand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: EefStrandChanges & { id: string }) =>
      api.patch<EefStrand>(`/api/eef-strands/${id}`, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["eef-strands"] });
      void queryClient.invalidateQueries({ queryKey: ["evidence"] });
      void queryClient.invalidateQueries({ queryKey: ["strategies", "one"] });
    },
  });
}

/** Records that an administrator checked a strand against the live Toolkit. */
export function useConfirmEefStrand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...check }: EefStrandCheck & { id: string }) =>
      api.post<EefStrand>(`/api/eef-strands/${id}/confirm`, check),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["eef-strands"] });
      void queryClient.invalidateQueries({ queryKey: ["strategies", "one"] });
    },
  });
}

/** What the app says about a strand whose sources disagree until someone checks it. */
export const NEEDS_CHECKING = "needs checking against the live Toolkit";

const COST_LABELS = ["", "very low", "low", "moderate", "high", "very high"];

/** The EEF's cost rating as it prints it, with its words: `££ (low)`. */
export const costText = (cost: number | null) =>
  cost === null ? "–" : `${"£".repeat(cost)} (${COST_LABELS[cost] ?? "?"})`;

/** The EEF's evidence strength, out of five padlocks. */
export const evidenceText = (evidence: number | null) =>
  evidence === null ? "–" : `${evidence} of 5`;

/** Headline months as the Toolkit writes them: `+7 months`, or "–" where the EEF gives none. */
export const monthsText = (months: number | null) =>
  months === null
    ? "–"
    : `${months > 0 ? "+" : months < 0 ? "−" : ""}${Math.abs(months)} month${Math.abs(months) === 1 ? "" : "s"}`;
