import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Hub } from "../../../../contracts/network.ts";
import { api } from "../../../lib/api-client.ts";

export const hubsQueryOptions = queryOptions({
  queryKey: ["hubs"],
  queryFn: () => api.get<{ items: Hub[] }>("/api/hubs"),
});

export function useHubs() {
  return useQuery(hubsQueryOptions);
}

export function useCreateHub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) => api.post<Hub>("/api/hubs", input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["hubs"] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

export function useUpdateHub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; name?: string; archived?: boolean }) =>
      api.patch<Hub>(`/api/hubs/${id}`, change),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["hubs"] });
      // Schools show their hub's name.
      void queryClient.invalidateQueries({ queryKey: ["schools"] });
    },
  });
}
