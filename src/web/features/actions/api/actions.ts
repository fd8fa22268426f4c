import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ACTION_STATUSES,
  Action,
  actionInputSchema,
  actionUpdateSchema,
} from "../../../../contracts/programme-year.ts";
import { api } from "../../../lib/api-client.ts";

export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionInput = z.input<typeof actionInputSchema>;
export type ActionChanges = z.input<typeof actionUpdateSchema>;

export const STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
};

/** A team's actions; the key is shared with the home page's overdue list. */
export const actionsQueryOptions = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["actions", enrolmentId],
    queryFn: () => api.get<{ items: Action[] }>(`/api/enrolments/${enrolmentId}/actions`),
  });

export const useActions = (enrolmentId: string) => useQuery(actionsQueryOptions(enrolmentId));

function useActionsChanged(enrolmentId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["actions", enrolmentId] });
    void queryClient.invalidateQueries({ queryKey: ["calendar"] });
    void queryClient.invalidateQueries({ queryKey: ["visits"] });
  };
}

export function useCreateAction(enrolmentId: string) {
  const changed = useActionsChanged(enrolmentId);
  return useMutation({
    mutationFn: (input: ActionInput) =>
      api.post<Action>(`/api/enrolments/${enrolmentId}/actions`, input),
    onSuccess: changed,
  });
}

export function useUpdateAction(enrolmentId: string) {
  const changed = useActionsChanged(enrolmentId);
  return useMutation({
    mutationFn: ({ id, ...changes }: ActionChanges & { id: string }) =>
      api.patch<Action>(`/api/actions/${id}`, changes),
    onSuccess: changed,
  });
}

/** Where an action came from: a workshop's follow-up, a visit, or the team itself. */
export function sourceOf(action: Action): string {
  if (action.workshopTask) return `Workshop follow-up: ${action.workshopTask.workshopTitle}`;
  if (action.visitId) return "Agreed at a visit";
  return "The team's own";
}

/** The school's strategies, as choices for an action's link. */
export const strategyChoicesQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["actions", "strategy-choices", schoolId],
    queryFn: () =>
      api.get<{ items: Array<{ id: string; title: string }> }>(
        `/api/schools/${schoolId}/strategies`,
      ),
    select: (data) => data.items.map((s) => ({ value: s.id, label: s.title })),
  });

export const useStrategyChoices = (schoolId: string) =>
  useQuery(strategyChoicesQueryOptions(schoolId));
