import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { School } from "../../../../contracts/network.ts";
import { api } from "../../../lib/api-client.ts";

export interface SchoolListParams {
  search: string;
  hubId: string | null;
  includeArchived: boolean;
  offset: number;
  limit: number;
}

export const schoolsQueryOptions = (params: SchoolListParams) =>
  queryOptions({
    queryKey: ["schools", "list", params],
    queryFn: () => {
      const query = new URLSearchParams({
        offset: String(params.offset),
        limit: String(params.limit),
      });
      if (params.search.trim()) query.set("search", params.search.trim());
      if (params.hubId) query.set("hubId", params.hubId);
      if (params.includeArchived) query.set("includeArchived", "true");
      return api.get<{ items: School[]; total: number }>(`/api/schools?${query}`);
    },
    placeholderData: keepPreviousData,
  });

export function useSchools(params: SchoolListParams) {
  return useQuery(schoolsQueryOptions(params));
}

/** A free short code for a name; the form proposes it while the code is left alone. */
export const proposedShortCodeQueryOptions = (name: string) =>
  queryOptions({
    queryKey: ["schools", "proposed-short-code", name],
    queryFn: () =>
      api.get<{ shortCode: string }>(
        `/api/schools/proposed-short-code?${new URLSearchParams({ name })}`,
      ),
    enabled: name.trim().length > 0,
    staleTime: 30_000,
  });

export function useProposedShortCode(name: string, enabled: boolean) {
  return useQuery({
    ...proposedShortCodeQueryOptions(name),
    enabled: enabled && name.trim() !== "",
  });
}

export interface SchoolInput {
  name: string;
  phase: School["phase"];
  localAuthority: string;
  postcode: string;
  hubId: string | null;
  shortCode?: string;
}

function useInvalidateSchools() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["schools"] });
    void queryClient.invalidateQueries({ queryKey: ["hubs"] });
    void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
  };
}

export function useCreateSchool() {
  const invalidate = useInvalidateSchools();
  return useMutation({
    mutationFn: (input: SchoolInput & { urn: string }) => api.post<School>("/api/schools", input),
    onSuccess: invalidate,
  });
}

export function useUpdateSchool() {
  const invalidate = useInvalidateSchools();
  return useMutation({
    mutationFn: ({ id, ...change }: Partial<SchoolInput> & { id: string; archived?: boolean }) =>
      api.patch<School>(`/api/schools/${id}`, change),
    onSuccess: invalidate,
  });
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export function useImportSchools() {
  const invalidate = useInvalidateSchools();
  return useMutation({
    mutationFn: ({ file, hubId }: { file: File; hubId: string | null }) => {
      const form = new FormData();
      if (hubId) form.append("hubId", hubId);
      form.append("file", file);
      return api.upload<ImportResult>("/api/schools/import", form);
    },
    onSuccess: invalidate,
  });
}
