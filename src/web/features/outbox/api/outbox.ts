import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export interface OutboxItem {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
  /** Why sending failed, when a mail server is set up; null when kept for want of one. */
  error: string | null;
}

export interface Outbox {
  mailConfigured: boolean;
  items: OutboxItem[];
}

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
