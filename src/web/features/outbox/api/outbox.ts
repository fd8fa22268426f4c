import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Outbox } from "../../../../contracts/outbox.ts";
import { api } from "../../../lib/api-client.ts";

export type { Outbox, OutboxItem } from "../../../../contracts/outbox.ts";

export const outboxQueryOptions = queryOptions({
  queryKey: ["outbox"],
  queryFn: () => api.get<Outbox>("/api/outbox"),
});

export const useOutbox = () => useQuery(outboxQueryOptions);

export function useSendDueReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ workshops: number; actions: number }>("/api/outbox/send-due"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["outbox"] }),
  });
}
