import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import type { ReauthBody } from "../../../../contracts/mfa.ts";
import type { Passkey } from "../../../../contracts/passkeys.ts";
import { meQueryOptions } from "../../../app/get-me.ts";
import { mfaStatusQueryOptions } from "../../../app/second-factor.ts";
import { api } from "../../../lib/api-client.ts";
import {
  createPasskey,
  type PasskeyOptions,
  signWithPasskey,
} from "../../../lib/passkey-ceremony.ts";

const passkeysKey = ["me", "passkeys"] as const;

export const usePasskeys = () =>
  useQuery({
    queryKey: passkeysKey,
    queryFn: () => api.get<{ passkeys: Passkey[] }>("/api/passkeys"),
  });

/**
 * Adding a passkey: the server's options (asking for the password again when
 * the re-authentication window has passed), the browser's prompt, then the
 * browser's answer with the name the person gave. Other sessions end.
 */
export function useAddPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, reauth }: { name: string; reauth: ReauthBody }) => {
      const options = await api.post<PasskeyOptions>("/api/passkeys/registration/options", reauth);
      const response = await createPasskey(options);
      return api.post<Passkey>("/api/passkeys", { name, response });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: passkeysKey });
      void queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey });
    },
  });
}

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reauth }: { id: string; reauth: ReauthBody }) =>
      api.post<void>(`/api/passkeys/${encodeURIComponent(id)}/remove`, reauth),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: passkeysKey });
      void queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey });
    },
  });
}

/**
 * A passkey as the second step: after the password (mode "sign-in"), or in a
 * session begun without the factor (mode "session").
 */
export function usePasskeySecondFactor(mode: "sign-in" | "session") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      if (mode === "sign-in") {
        const options = await api.post<PasskeyOptions>("/api/auth/login/passkey/options");
        const response = await signWithPasskey(options);
        return api.post<Me>("/api/auth/login/passkey", { response });
      }
      const options = await api.post<PasskeyOptions>("/api/passkeys/verify/options");
      const response = await signWithPasskey(options);
      await api.post<void>("/api/passkeys/verify", { response });
      return null;
    },
    onSuccess: (me) => {
      // Nothing cached before the factor may survive into the full session.
      queryClient.clear();
      if (me) queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
