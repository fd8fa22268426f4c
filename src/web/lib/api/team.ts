import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Invitation } from "../../../contracts/invitations.ts";
import type { Team } from "../../../contracts/network.ts";
import type { TeamInvite } from "../../components/team-invite-form.tsx";
import { api } from "../api-client.ts";

export const teamQueryOptions = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["team", enrolmentId],
    queryFn: () => api.get<Team>(`/api/enrolments/${enrolmentId}/team`),
  });

export const useTeam = (enrolmentId: string) => useQuery(teamQueryOptions(enrolmentId));

export function useInviteTeamMember(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInvite) =>
      api.post<Invitation>(`/api/enrolments/${enrolmentId}/team`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["team", enrolmentId] }),
  });
}

export function useRemoveTeamMember(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api.delete<void>(`/api/enrolments/${enrolmentId}/team/${memberId}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["team", enrolmentId] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      void queryClient.invalidateQueries({ queryKey: ["clusters"] });
    },
  });
}

export function useWithdrawTeamInvitation(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.delete<void>(`/api/enrolments/${enrolmentId}/team-invitations/${invitationId}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["team", enrolmentId] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
