import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export interface Settings {
  remindersEnabled: boolean;
  /** Whether a calendar feed address exists (it is shown only when made). */
  calendarFeed: boolean;
}

export const settingsQueryOptions = queryOptions({
  queryKey: ["me", "settings"],
  queryFn: () => api.get<Settings>("/api/me/settings"),
});

export const useSettings = () => useQuery(settingsQueryOptions);

export function useUpdateReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (remindersEnabled: boolean) =>
      api.patch<Settings>("/api/me/settings", { remindersEnabled }),
    onSuccess: (settings) => queryClient.setQueryData(settingsQueryOptions.queryKey, settings),
  });
}

/**
 * The feed address made in this browser session. The server keeps only a hash
 * of its secret, so the address can be shown once: when it is made.
 */
const feedUrlKey = ["me", "calendar-feed-url"] as const;

export const useFeedUrl = () =>
  useQuery({
    queryKey: feedUrlKey,
    queryFn: () => null as string | null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

/** Makes a new secret feed address; any earlier one stops working. */
export function useResetFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ url: string }>("/api/me/calendar-feed"),
    onSuccess: ({ url }) => {
      queryClient.setQueryData(feedUrlKey, url);
      queryClient.setQueryData(settingsQueryOptions.queryKey, (old: Settings | undefined) =>
        old ? { ...old, calendarFeed: true } : old,
      );
    },
  });
}

/** Switches the feed off: its address stops working, and none is made until asked for. */
export function useSwitchOffFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<Settings>("/api/me/calendar-feed"),
    onSuccess: (settings) => {
      queryClient.setQueryData(feedUrlKey, null);
      queryClient.setQueryData(settingsQueryOptions.queryKey, settings);
    },
  });
}

const newsletterKey = ["me", "newsletter"] as const;

export const useNewsletterSubscription = () =>
  useQuery({
    queryKey: newsletterKey,
    queryFn: () => api.get<{ subscribed: boolean }>("/api/me/newsletter"),
  });

export function useUpdateNewsletterSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subscribed: boolean) =>
      api.put<{ subscribed: boolean }>("/api/me/newsletter", { subscribed }),
    onSuccess: (value) => queryClient.setQueryData(newsletterKey, value),
  });
}
