import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  ChangePassword,
  PasswordChanged,
  PasswordResetComplete,
} from "../../../../contracts/password-reset.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { api } from "../../../lib/api-client.ts";

/** Asks for a reset link by email; the answer is the same whatever the email. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post<{ detail: string }>("/api/auth/password-reset", { email }),
  });
}

/** Sets a new password with the emailed token; every session of the account ends, this one too. */
export function useCompletePasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordResetComplete) =>
      api.post<{ detail: string }>("/api/auth/password-reset/complete", input),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, null);
    },
  });
}

/** Changes the signed-in person's password; their other sessions end. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePassword) => api.post<PasswordChanged>("/api/me/password", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["my-sessions"] }),
  });
}
