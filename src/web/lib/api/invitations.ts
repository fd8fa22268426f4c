import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../contracts/auth.ts";
import type {
  CreateInvitation,
  Invitation,
  InvitationPreview,
} from "../../../contracts/invitations.ts";
import { meQueryOptions } from "../../app/get-me.ts";
import { api } from "../api-client.ts";

export type PendingInvitation = Omit<Invitation, "url" | "emailed">;

export const pendingInvitationsQueryOptions = queryOptions({
  queryKey: ["invitations"],
  queryFn: () => api.get<{ items: PendingInvitation[] }>("/api/invitations"),
});

export function usePendingInvitations() {
  return useQuery(pendingInvitationsQueryOptions);
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvitation) => api.post<Invitation>("/api/invitations", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
}

export function useWithdrawInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/invitations/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
}

/** The token travels in the body: it never appears in a URL the server logs. */
export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: ["invitation-preview", token],
    queryFn: () => api.post<InvitationPreview>("/api/invitations/preview", { token }),
    enabled: Boolean(token),
    retry: false,
  });
}

/** Signed in as the invited email: the token alone. Signed out: the new account's name and password. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; name?: string; password?: string }) =>
      api.post<Me>("/api/invitations/accept", input),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}

/**
 * Signing in from the invitation page, through the same throttled sign-in as
 * the sign-in page; the preview is asked again, now as the invitee.
 */
export function useSignInToAccept() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string; keepSignedIn: boolean }) =>
      api.post<Me>("/api/auth/login", input),
    onSuccess: async (me) => {
      // Nothing cached for a previous person survives; the invitation is asked about again.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "invitation-preview" });
      queryClient.setQueryData(meQueryOptions.queryKey, me);
      await queryClient.invalidateQueries({ queryKey: ["invitation-preview"] });
    },
  });
}

/** Signing out of another account to accept an invitation meant for a different email. */
export function useSignOutToAccept() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>("/api/auth/logout"),
    onSettled: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "invitation-preview" });
      queryClient.setQueryData(meQueryOptions.queryKey, null);
      await queryClient.invalidateQueries({ queryKey: ["invitation-preview"] });
    },
  });
}
