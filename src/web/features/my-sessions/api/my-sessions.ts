import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MySessions, SessionsEnded } from "../../../../contracts/my-sessions.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";

export const mySessionsQueryOptions = queryOptions({
  queryKey: ["my-sessions"],
  queryFn: () => api.get<MySessions>("/api/me/sessions"),
});

export const useMySessions = () => useQuery(mySessionsQueryOptions);

/** Ends one of my sessions; ending this one signs me out. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string; current: boolean }) =>
      api.delete<void>(`/api/me/sessions/${id}`),
    onSuccess: (_data, { current }) => {
      if (current) {
        queryClient.clear();
        queryClient.setQueryData(meQueryOptions.queryKey, null);
      } else {
        void queryClient.invalidateQueries({ queryKey: ["my-sessions"] });
      }
    },
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SessionsEnded>("/api/me/sessions/end-others"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["my-sessions"] }),
  });
}
