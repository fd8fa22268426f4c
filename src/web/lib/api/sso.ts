import { queryOptions, useQuery } from "@tanstack/react-query";
import type { PublicSsoProviders } from "../../../contracts/sso.ts";
import { api } from "../api-client.ts";

/** The providers people can sign in with: the sign-in page and the invitation page show them. */
export const ssoProvidersQueryOptions = queryOptions({
  queryKey: ["auth", "sso-providers"],
  queryFn: () => api.get<PublicSsoProviders>("/api/auth/sso/providers"),
  staleTime: 60_000,
});

export const useSsoProviders = () => useQuery(ssoProvidersQueryOptions);

/** Where a "Sign in with …" button goes: the server redirects on to the provider. */
export function ssoStartHref(providerId: string, invitationToken?: string): string {
  const query = invitationToken ? `?invitation=${encodeURIComponent(invitationToken)}` : "";
  return `/api/auth/sso/${encodeURIComponent(providerId)}/start${query}`;
}
