import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ParaAccess } from "../../../../contracts/pupil-data.ts";
import { api } from "../../../lib/api-client.ts";

export const paraAccessQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["para-access", schoolId],
    queryFn: () => api.get<ParaAccess>(`/api/schools/${schoolId}/para-access`),
  });

export const useParaAccess = (schoolId: string) => useQuery(paraAccessQueryOptions(schoolId));

export function useChangeParaAccess(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (setting: ParaAccess["setting"]) =>
      api.put<ParaAccess>(`/api/schools/${schoolId}/para-access`, { setting }),
    onSuccess: (access) => {
      queryClient.setQueryData(paraAccessQueryOptions(schoolId).queryKey, access);
    },
  });
}
