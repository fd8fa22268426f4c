import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import type { SecondFactorChallenge } from "../../../../contracts/mfa.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";
import { type PasskeyOptions, signWithPasskey } from "../../../lib/passkey-ceremony.ts";

export interface SignInInput {
  email: string;
  password: string;
  keepSignedIn: boolean;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) =>
      api.post<Me | SecondFactorChallenge>("/api/auth/login", input),
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

/** Signing in with a passkey alone: the browser offers the passkeys it holds for Cascade. */
export function usePasskeySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const options = await api.post<PasskeyOptions>("/api/auth/passkey/options");
      const response = await signWithPasskey(options);
      return api.post<Me>("/api/auth/passkey", { response });
    },
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
