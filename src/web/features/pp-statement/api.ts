import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PpEnteredInput, PpStatement } from "../../../contracts/pp-statement.ts";
import { api } from "../../lib/api-client.ts";

const key = (schoolId: string) => ["pp-statement", schoolId];
const base = (schoolId: string) => `/api/schools/${schoolId}/pp-statement`;

/** The year's statement as drafted. */
export const usePpStatement = (schoolId: string) =>
  useQuery({ queryKey: key(schoolId), queryFn: () => api.get<PpStatement>(base(schoolId)) });

/** A leader saves what the team entered; the draft comes back. */
export function useSavePpStatement(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entered: PpEnteredInput) => api.put<PpStatement>(base(schoolId), entered),
    onSuccess: (draft) => queryClient.setQueryData(key(schoolId), draft),
  });
}

/** A leader marks the statement as published on the school's website (or not). */
export function useMarkPublished(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (published: boolean) =>
      api.put<PpStatement>(`${base(schoolId)}/published`, { published }),
    onSuccess: (draft) => queryClient.setQueryData(key(schoolId), draft),
  });
}

/** Where the downloads are. */
export const documentUrl = (schoolId: string, format: "docx" | "html") =>
  `${base(schoolId)}/document.${format}`;
