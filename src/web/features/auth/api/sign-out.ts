import { useMutation, useQueryClient } from "@tanstack/react-query";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>("/api/auth/logout"),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, null);
    },
  });
}
