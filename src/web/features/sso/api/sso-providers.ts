import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  SsoProvider,
  SsoProviderBody,
  SsoProviderList,
  SsoProviderPatch,
} from "../../../../contracts/sso.ts";
import { api } from "../../../lib/api-client.ts";

const key = ["admin", "sso-providers"] as const;

export const ssoProviderListQueryOptions = queryOptions({
  queryKey: key,
  queryFn: () => api.get<SsoProviderList>("/api/sso/providers"),
});

export const useSsoProviderList = () => useQuery(ssoProviderListQueryOptions);

export function useAddSsoProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoProviderBody) => api.post<SsoProvider>("/api/sso/providers", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "sso-providers"] }),
  });
}

export function useChangeSsoProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: SsoProviderPatch }) =>
      api.patch<SsoProvider>(`/api/sso/providers/${id}`, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "sso-providers"] }),
  });
}
