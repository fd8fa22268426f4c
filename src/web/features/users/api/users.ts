import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
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
    queryFn: () => {
      const query = new URLSearchParams({
        offset: String(params.offset),
        limit: String(params.limit),
      });
      if (params.search.trim()) query.set("search", params.search.trim());
      return api.get<{ items: UserSummary[]; total: number }>(`/api/users?${query}`);
    },
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
