import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { COMPARISONS, Evaluation, Strategy } from "../../../../contracts/strategies.ts";
import { api } from "../../../lib/api-client.ts";
import { strategyQueryOptions } from "./strategies.ts";

export type Comparison = (typeof COMPARISONS)[number];

export interface EvaluationChoice {
  measureId: string;
  from: string;
  to: string;
  comparison: Comparison;
}

/** An evaluation on show, as a change of stage cites it: the choice and how it reads. */
export interface CitedEvaluation {
  choice: EvaluationChoice;
  /** "Reading age, Autumn 1 → Spring 1", for the decision form to name what it cites. */
  label: string;
  /** The chosen period ends before the strategy began: it cannot justify a change. */
  beforeStart: boolean;
}

export const evaluationQueryOptions = (strategyId: string, choice: EvaluationChoice) =>
  queryOptions({
    queryKey: ["strategies", "evaluation", strategyId, choice],
    queryFn: () =>
      api.get<Evaluation>(
        `/api/strategies/${strategyId}/evaluation?${new URLSearchParams({ ...choice })}`,
      ),
    placeholderData: keepPreviousData,
  });

/** The evaluation for a full choice of measure, points and comparison; idle until then. */
export function useEvaluation(strategyId: string, choice: EvaluationChoice | null) {
  return useQuery({
    ...evaluationQueryOptions(
      strategyId,
      choice ?? { measureId: "", from: "", to: "", comparison: "none" },
    ),
    enabled: choice !== null,
  });
}

/** Shares the evaluation as chosen (aggregates only) with the network, or withdraws it. */
export function useShareStrategy(strategyId: string) {
  const queryClient = useQueryClient();
  const done = (strategy: Strategy) => {
    queryClient.setQueryData(strategyQueryOptions(strategy.id).queryKey, strategy);
    void queryClient.invalidateQueries({ queryKey: ["strategies", "school", strategy.schoolId] });
    void queryClient.invalidateQueries({ queryKey: ["evidence"] });
  };
  const share = useMutation({
    mutationFn: (input: EvaluationChoice & { named: boolean }) =>
      api.post<Strategy>(`/api/strategies/${strategyId}/share`, input),
    onSuccess: done,
  });
  const withdraw = useMutation({
    mutationFn: () => api.delete<Strategy>(`/api/strategies/${strategyId}/share`),
    onSuccess: done,
  });
  return { share, withdraw };
}
