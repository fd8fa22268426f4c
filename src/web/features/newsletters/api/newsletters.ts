import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  BackIssue,
  Newsletter,
  NewsletterItem,
  NewsletterProgress,
  NewsletterSummary,
} from "../../../../contracts/newsletters.ts";
import { api } from "../../../lib/api-client.ts";

export type {
  BackIssue,
  Newsletter,
  NewsletterItem,
  NewsletterProgress,
  NewsletterSummary,
} from "../../../../contracts/newsletters.ts";

const issuesKey = ["newsletters"] as const;
const issueKey = (id: string) => ["newsletters", id] as const;

export const useNewsletters = () =>
  useQuery({
    queryKey: issuesKey,
    queryFn: () => api.get<{ items: NewsletterSummary[] }>("/api/newsletters"),
  });

export const newsletterQueryOptions = (id: string) =>
  queryOptions({
    queryKey: issueKey(id),
    queryFn: () => api.get<Newsletter>(`/api/newsletters/${id}`),
  });

export const useNewsletter = (id: string) => useQuery(newsletterQueryOptions(id));

export function useStartNewsletter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; termLabel: string }) =>
      api.post<Newsletter>("/api/newsletters", body),
    onSuccess: (issue) => {
      queryClient.setQueryData(issueKey(issue.id), issue);
      return queryClient.invalidateQueries({ queryKey: issuesKey, exact: true });
    },
  });
}

export interface NewsletterEdit {
  title: string;
  termLabel: string;
  introduction: string;
  items: Pick<NewsletterItem, "kind" | "refId">[];
}

export function useSaveNewsletter(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewsletterEdit) => api.put<Newsletter>(`/api/newsletters/${id}`, body),
    onSuccess: (issue) => {
      queryClient.setQueryData(issueKey(id), issue);
      return queryClient.invalidateQueries({ queryKey: ["newsletters", id, "preview"] });
    },
  });
}

export const useNewsletterPreview = (id: string) =>
  useQuery({
    queryKey: ["newsletters", id, "preview"],
    queryFn: () =>
      api.get<{ subject: string; html: string; text: string }>(`/api/newsletters/${id}/preview`),
  });

/** The sending progress, polled every second while anything is still waiting. */
export const useNewsletterProgress = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ["newsletters", id, "progress"],
    queryFn: () => api.get<NewsletterProgress | null>(`/api/newsletters/${id}/progress`),
    enabled,
    refetchInterval: (query) => (query.state.data && !query.state.data.done ? 1000 : false),
  });

function useSendAction(id: string, action: "send" | "retry") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NewsletterProgress>(`/api/newsletters/${id}/${action}`),
    onSuccess: (progress) => {
      queryClient.setQueryData(["newsletters", id, "progress"], progress);
      return queryClient.invalidateQueries({ queryKey: issueKey(id), exact: true });
    },
  });
}

export const useSendNewsletter = (id: string) => useSendAction(id, "send");
export const useRetryNewsletter = (id: string) => useSendAction(id, "retry");

export const useBackIssues = () =>
  useQuery({
    queryKey: ["newsletter-issues"],
    queryFn: () => api.get<{ items: NewsletterSummary[] }>("/api/newsletter-issues"),
  });

export const useBackIssue = (id: string) =>
  useQuery({
    queryKey: ["newsletter-issues", id],
    queryFn: () => api.get<BackIssue>(`/api/newsletter-issues/${id}`),
  });

export const useUnsubscribe = () =>
  useMutation({
    mutationFn: (token: string) =>
      api.post<{ subscribed: boolean; email: string }>("/api/newsletter-unsubscribe", { token }),
  });
