import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me, SetupBody } from "../../../../contracts/auth.ts";
import type { Role } from "../../../../contracts/roles.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";

export const setupStatusQueryOptions = queryOptions({
  queryKey: ["setup"],
  queryFn: () => api.get<{ needed: boolean }>("/api/setup"),
});

export function useCreateFirstAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupBody) => api.post<Me>("/api/setup", input),
    onSuccess: (me) => {
      queryClient.setQueryData(setupStatusQueryOptions.queryKey, { needed: false });
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}

export interface DemoAccounts {
  credentials: Array<{ role: Role; name: string; email: string }>;
  password: string;
}

/** Fills an empty Cascade with a fictional network; the accounts share one password, shown once. */
export function useLoadDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<DemoAccounts>("/api/setup/demo"),
    onSuccess: () => {
      queryClient.setQueryData(setupStatusQueryOptions.queryKey, { needed: false });
    },
  });
}
