import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";

export interface SignInInput {
  email: string;
  password: string;
  keepSignedIn: boolean;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) =>
      api.post<Me | { secondFactor: "required" }>("/api/auth/login", input),
    onSuccess: (answer) => {
      // Nothing cached for a previous person may survive into this session.
      queryClient.clear();
      // With a second factor, no session yet: the second step comes next.
      if ("secondFactor" in answer) return;
      queryClient.setQueryData(meQueryOptions.queryKey, answer);
    },
  });
}

/** Asks for a one-time sign-in link by email (offered when password sign-in is paused by an attack). */
export function useRequestSignInLink() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post<{ detail: string }>("/api/auth/sign-in-link", { email }),
  });
}

export function useRedeemSignInLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<Me>("/api/auth/sign-in-link/redeem", { token }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
