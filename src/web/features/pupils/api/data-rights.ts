import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PupilErased, PupilHistory } from "../../../../contracts/data-rights.ts";
import { api } from "../../../lib/api-client.ts";

/** Everything held about the pupil, as JSON (the server sends it as a download, and audits it). */
export const pupilDataJsonUrl = (pupilId: string) => `/api/pupils/${pupilId}/subject-access`;

/** The same, as a readable document to print or save as PDF. */
export const pupilDataDocumentUrl = (pupilId: string) =>
  `/api/pupils/${pupilId}/subject-access/document`;

export const pupilHistoryQueryOptions = (pupilId: string) =>
  queryOptions({
    queryKey: ["pupil", pupilId, "history"],
    queryFn: () => api.get<PupilHistory>(`/api/pupils/${pupilId}/history`),
  });

export const usePupilHistory = (pupilId: string) => useQuery(pupilHistoryQueryOptions(pupilId));

/** Erases the pupil; every cached list or page that held them is dropped. */
export function useErasePupil(pupilId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmName: string) =>
      api.post<PupilErased>(`/api/pupils/${pupilId}/erase`, { confirmName }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["pupil", pupilId] });
      for (const key of ["pupils", "observations", "gap", "cohort", "matrix", "strategies"])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
