import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { SecondFactorReset } from "../../../../contracts/mfa.ts";
import type { UserSummary } from "../../../../contracts/users.ts";
import { api } from "../../../lib/api-client.ts";

export interface UserListParams {
  search: string;
  offset: number;
  limit: number;
}

export const usersQueryOptions = (params: UserListParams) =>
  queryOptions({
    queryKey: ["users", params],
    // A POST: the search term (a person's name or email) must not travel in a URL.
    queryFn: () =>
      api.post<{ items: UserSummary[]; total: number }>("/api/users/search", {
        offset: params.offset,
        limit: params.limit,
        ...(params.search.trim() ? { search: params.search.trim() } : {}),
      }),
    placeholderData: keepPreviousData,
  });

export function useUsers(params: UserListParams) {
  return useQuery(usersQueryOptions(params));
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      api.post<UserSummary>(`/api/users/${id}/${disabled ? "disable" : "enable"}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}

/** Ends every session of an account (it stays enabled). */
export function useEndUserSessions() {
  return useMutation({
    mutationFn: ({ id }: { id: string; name: string }) =>
      api.post<{ sessionsEnded: number }>(`/api/users/${id}/sessions/end-all`),
  });
}

/**
 * Resets a person's second factor (they lost their device): their app, recovery
 * codes and passkeys go and their sessions end. The administrator's password
 * goes with it when the server asks for it again.
 */
export function useResetSecondFactor() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; name: string; password?: string }) =>
      api.post<SecondFactorReset>(
        `/api/users/${id}/second-factor/reset`,
        password ? { password } : {},
      ),
  });
}

/** Erases (anonymises) an account: name and email go, it is disabled and signed out. */
export function useEraseUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirmEmail }: { id: string; name: string; confirmEmail: string }) =>
      api.post<{ erased: true; sessionsEnded: number }>(`/api/users/${id}/erase`, {
        confirmEmail,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}
