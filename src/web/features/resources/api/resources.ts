import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ReadingList,
  ReadingListItemsInput,
  ReadingLists,
  Resource,
  ResourceChoices,
  ResourceDetails,
  ResourceList,
  ResourceSearch,
  resourceUpdateSchema,
  Shelf,
} from "../../../../contracts/resources.ts";
import { api } from "../../../lib/api-client.ts";

export type ResourceChanges = z.input<typeof resourceUpdateSchema>;

/** Files the library takes, as the server allows. */
export const MAX_RESOURCE_BYTES = 20 * 1024 * 1024;

export function searchQuery(search: ResourceSearch): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value) query.set(key, String(value));
  return query.size > 0 ? `?${query}` : "";
}

export const resourcesQueryOptions = (search: ResourceSearch) =>
  queryOptions({
    queryKey: ["resources", "search", search],
    queryFn: () => api.get<ResourceList>(`/api/resources${searchQuery(search)}`),
    placeholderData: keepPreviousData,
  });
export const useResources = (search: ResourceSearch) => useQuery(resourcesQueryOptions(search));

export const useResourceChoices = () =>
  useQuery({
    queryKey: ["resources", "choices"],
    queryFn: () => api.get<ResourceChoices>("/api/resources/choices"),
  });

export const resourceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["resources", "detail", id],
    queryFn: () => api.get<Resource>(`/api/resources/${id}`),
  });
export const useResource = (id: string) => useQuery(resourceQueryOptions(id));

export const resourceDownloadUrl = (id: string) => `/api/resources/${id}/download`;

function useLibraryChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["resources"] });
}

export function useAddLink() {
  const changed = useLibraryChanged();
  return useMutation({
    mutationFn: (body: ResourceDetails & { url: string }) =>
      api.post<Resource>("/api/resources", body),
    onSuccess: changed,
  });
}

export function useUploadResource() {
  const changed = useLibraryChanged();
  return useMutation({
    mutationFn: ({ file, details }: { file: File; details: ResourceDetails }) => {
      const form = new FormData();
      form.set("details", JSON.stringify(details));
      form.set("file", file);
      return api.upload<Resource>("/api/resources", form);
    },
    onSuccess: changed,
  });
}

export function useUpdateResource(id: string) {
  const changed = useLibraryChanged();
  return useMutation({
    mutationFn: (body: ResourceChanges) => api.patch<Resource>(`/api/resources/${id}`, body),
    onSuccess: changed,
  });
}

export function useArchiveResource(id: string) {
  const changed = useLibraryChanged();
  return useMutation({
    mutationFn: () => api.post<Resource>(`/api/resources/${id}/archive`),
    onSuccess: changed,
  });
}

// Reading lists.

export const useReadingLists = () =>
  useQuery({
    queryKey: ["reading-lists"],
    queryFn: () => api.get<ReadingLists>("/api/reading-lists"),
  });

export const readingListQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["reading-lists", id],
    queryFn: () => api.get<ReadingList>(`/api/reading-lists/${id}`),
  });
export const useReadingList = (id: string) => useQuery(readingListQueryOptions(id));

export function useCreateReadingList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; summary?: string }) =>
      api.post<ReadingList>("/api/reading-lists", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["reading-lists"] }),
  });
}

export function useSetReadingListItems(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReadingListItemsInput) =>
      api.put<ReadingList>(`/api/reading-lists/${id}/items`, body),
    onSuccess: (list) => {
      queryClient.setQueryData(readingListQueryOptions(id).queryKey, list);
      void queryClient.invalidateQueries({ queryKey: ["reading-lists"], exact: true });
    },
  });
}

// A school's shelf.

export const shelfQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["shelf", schoolId],
    queryFn: () => api.get<Shelf>(`/api/schools/${schoolId}/shelf`),
  });
export const useShelf = (schoolId: string) => useQuery(shelfQueryOptions(schoolId));

export function useShelfChange(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ resourceId, save }: { resourceId: string; save: boolean }) =>
      save
        ? api.put<Shelf>(`/api/schools/${schoolId}/shelf/${resourceId}`)
        : api.delete<Shelf>(`/api/schools/${schoolId}/shelf/${resourceId}`),
    onSuccess: (shelf) => {
      queryClient.setQueryData(shelfQueryOptions(schoolId).queryKey, shelf);
      void queryClient.invalidateQueries({ queryKey: ["resources"] });
    },
  });
}
