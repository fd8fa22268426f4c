import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  linkMaterialSchema,
  PlanWorkshop,
  registerInputSchema,
  registerSchema,
  taskInputSchema,
  Workshop,
  workshopInputSchema,
  workshopUpdateSchema,
} from "../../../contracts/programme-year.ts";
import type { materialToLibrarySchema } from "../../../contracts/resources.ts";
import { api } from "../api-client.ts";

export type WorkshopInput = z.input<typeof workshopInputSchema>;
export type WorkshopChanges = z.input<typeof workshopUpdateSchema>;
export type TaskInput = z.input<typeof taskInputSchema>;
export type LinkMaterial = z.input<typeof linkMaterialSchema>;
export type Register = z.infer<typeof registerSchema>;
export type RegisterEntries = z.input<typeof registerInputSchema>["entries"];

/** Files a workshop may carry, as the server allows. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const clusterWorkshopsQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ["workshops", "cluster", clusterId],
    queryFn: () =>
      api.get<{ items: Workshop[]; plan: PlanWorkshop[] }>(`/api/clusters/${clusterId}/workshops`),
  });

export const useClusterWorkshops = (clusterId: string) =>
  useQuery(clusterWorkshopsQueryOptions(clusterId));

export const workshopQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["workshops", "detail", id],
    queryFn: () => api.get<Workshop>(`/api/workshops/${id}`),
  });

export const useWorkshop = (id: string) => useQuery(workshopQueryOptions(id));

export const registerQueryOptions = (workshopId: string) =>
  queryOptions({
    queryKey: ["workshops", "register", workshopId],
    queryFn: () => api.get<Register>(`/api/workshops/${workshopId}/register`),
  });

export const useRegister = (workshopId: string) => useQuery(registerQueryOptions(workshopId));

/** A change to a workshop shows on its page, the cluster's list, calendars and the progress table. */
function useWorkshopChanged() {
  const queryClient = useQueryClient();
  return (workshop: Workshop) => {
    queryClient.setQueryData(workshopQueryOptions(workshop.id).queryKey, workshop);
    void queryClient.invalidateQueries({ queryKey: ["workshops", "cluster", workshop.clusterId] });
    void queryClient.invalidateQueries({ queryKey: ["calendar"] });
    void queryClient.invalidateQueries({ queryKey: ["progress", workshop.clusterId] });
  };
}

export function useScheduleWorkshop() {
  const changed = useWorkshopChanged();
  return useMutation({
    mutationFn: (input: WorkshopInput) => api.post<Workshop>("/api/workshops", input),
    onSuccess: changed,
  });
}

export function useUpdateWorkshop(id: string) {
  const changed = useWorkshopChanged();
  return useMutation({
    mutationFn: (changes: WorkshopChanges) => api.patch<Workshop>(`/api/workshops/${id}`, changes),
    onSuccess: changed,
  });
}

export function useAddTask(workshopId: string) {
  const changed = useWorkshopChanged();
  return useMutation({
    mutationFn: (input: TaskInput) =>
      api.post<Workshop>(`/api/workshops/${workshopId}/tasks`, input),
    onSuccess: changed,
  });
}

export function useAddLink(workshopId: string) {
  const changed = useWorkshopChanged();
  return useMutation({
    mutationFn: (input: LinkMaterial) =>
      api.post<Workshop>(`/api/workshops/${workshopId}/materials`, input),
    onSuccess: changed,
  });
}

export function useUploadMaterial(workshopId: string) {
  const changed = useWorkshopChanged();
  return useMutation({
    mutationFn: (input: { file: File; title: string }) => {
      const form = new FormData();
      if (input.title.trim()) form.append("title", input.title.trim());
      form.append("file", input.file);
      return api.upload<Workshop>(`/api/workshops/${workshopId}/materials`, form);
    },
    onSuccess: changed,
  });
}

export function useTakeRegister(workshopId: string, clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entries: RegisterEntries) =>
      api.put<Register>(`/api/workshops/${workshopId}/register`, { entries }),
    onSuccess: (register) => {
      queryClient.setQueryData(registerQueryOptions(workshopId).queryKey, register);
      void queryClient.invalidateQueries({ queryKey: ["progress", clusterId] });
    },
  });
}

/** The download address of a workshop's file. */
export const materialDownloadUrl = (materialId: string) =>
  `/api/workshop-materials/${materialId}/download`;

/**
 * Puts one of the workshop's materials in the resource library (the library reads the
 * material itself); the workshop is read again so its page says "in the library".
 */
export function usePutMaterialInLibrary(workshopId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { materialId: string } & z.input<typeof materialToLibrarySchema>) => {
      const { materialId, ...body } = input;
      return api.post<{ id: string }>(`/api/workshop-materials/${materialId}/library`, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workshopQueryOptions(workshopId).queryKey });
      void queryClient.invalidateQueries({ queryKey: ["resources"] });
    },
  });
}
