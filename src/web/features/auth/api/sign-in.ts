import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import { api } from "../../../lib/api-client.ts";
import { meQueryOptions } from "./get-me.ts";

export interface SignInInput {
  email: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api.post<Me>("/api/auth/login", input),
    onSuccess: (me) => {
      // Nothing cached for a previous person may survive into this session.
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
