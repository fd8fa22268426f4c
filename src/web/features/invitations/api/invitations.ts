import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../contracts/auth.ts";
import type { CreateInvitation, Invitation } from "../../../../contracts/invitations.ts";
import type { Role, ScopeType } from "../../../../contracts/roles.ts";
import { api } from "../../../lib/api-client.ts";
import { meQueryOptions } from "../../auth/api/get-me.ts";

export type PendingInvitation = Omit<Invitation, "url" | "emailed">;

export interface InvitationPreview {
  email: string;
  role: Role;
  scopeType: ScopeType;
  scopeName: string;
  expiresAt: string;
  existingAccount: boolean;
}

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

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; name: string; password: string }) =>
      api.post<Me>("/api/invitations/accept", input),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
