import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import type {
  ReauthBody,
  RecoveryCodes,
  SecondFactorBody,
  SecuritySettings,
  TotpEnrolment,
} from "../../../../contracts/mfa.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { mfaStatusQueryOptions } from "../../../app/second-factor.ts";
import { api } from "../../../lib/api-client.ts";

export const useMfaStatus = (enabled = true) => useQuery({ ...mfaStatusQueryOptions, enabled });

/** The second step of signing in, or passing the factor in a session begun without it. */
export function useSecondFactor(mode: "sign-in" | "session") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SecondFactorBody) => {
      if (mode === "sign-in") return api.post<Me>("/api/auth/login/second-factor", body);
      await api.post<void>("/api/mfa/verify", body);
      return null;
    },
    onSuccess: (me) => {
      // Nothing cached before the factor may survive into the full session.
      queryClient.clear();
      if (me) queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}

export function useStartEnrolment() {
  return useMutation({
    mutationFn: (body: ReauthBody = {}) => api.post<TotpEnrolment>("/api/mfa/totp", body),
  });
}

export function useConfirmEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>("/api/mfa/totp/confirm", { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey }),
  });
}

export function useRenewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReauthBody) => api.post<RecoveryCodes>("/api/mfa/recovery-codes", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReauthBody) => api.post<void>("/api/mfa/totp/disable", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey }),
  });
}

const settingsKey = ["security-settings"] as const;

export const useSecuritySettings = (enabled: boolean) =>
  useQuery({
    queryKey: settingsKey,
    queryFn: () => api.get<SecuritySettings>("/api/security-settings"),
    enabled,
  });

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (secondFactorRequired: boolean) =>
      api.put<SecuritySettings>("/api/security-settings", { secondFactorRequired }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey });
    },
  });
}
