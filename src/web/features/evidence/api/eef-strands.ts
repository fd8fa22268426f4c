import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { EefStrandOut, updateEefStrandSchema } from "../../../../contracts/strategies.ts";
import { api } from "../../../lib/api-client.ts";

export type EefStrand = EefStrandOut;
export type EefStrandChanges = z.input<typeof updateEefStrandSchema>;

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

const COST_LABELS = ["", "very low", "low", "moderate", "high", "very high"];

/** The EEF's cost rating as it prints it, with its words: `££ (low)`. */
export const costText = (cost: number) => `${"£".repeat(cost)} (${COST_LABELS[cost] ?? "?"})`;

/** The EEF's evidence strength, out of five padlocks. */
export const evidenceText = (evidence: number) => `${evidence} of 5`;

/** Headline months as the Toolkit writes them: `+7 months`. */
export const monthsText = (months: number) =>
  `${months > 0 ? "+" : months < 0 ? "−" : ""}${Math.abs(months)} month${Math.abs(months) === 1 ? "" : "s"}`;
