import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Invitation } from "../../../../contracts/invitations.ts";
import type { Enrolment } from "../../../../contracts/network.ts";
import type { TeamInvite } from "../../../components/team-invite-form.tsx";
import { api } from "../../../lib/api-client.ts";

/** Everything here changes what a cluster page, the lists and the dashboards show. */
function useInvalidateCluster() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["clusters"] });
    void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
  };
}

export function useEnrolSchool() {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: (input: { schoolId: string; clusterId: string }) =>
      api.post<Enrolment>("/api/enrolments", input),
    onSuccess: invalidate,
  });
}

export function useWithdrawEnrolment() {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: (enrolmentId: string) => api.delete<void>(`/api/enrolments/${enrolmentId}`),
    onSuccess: invalidate,
  });
}

export function useFormTrio() {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: (input: {
      clusterId: string;
      name: string;
      leadSchoolId: string;
      acceleratorSchoolIds: string[];
    }) => api.post<unknown>("/api/trios", input),
    onSuccess: invalidate,
  });
}

export function useDissolveTrio() {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: (trioId: string) => api.delete<void>(`/api/trios/${trioId}`),
    onSuccess: invalidate,
  });
}

/** An administrator inviting a member of staff straight to a school's team. */
export function useInviteToTeam(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInvite) =>
      api.post<Invitation>(`/api/enrolments/${enrolmentId}/team`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["team", enrolmentId] });
      void queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
  });
}
