import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { ImportPreview, ImportSummary } from "../../../../contracts/pupil-data.ts";
import { ApiProblem, api, type FieldError } from "../../../lib/api-client.ts";

export type ImportKind = "pupils" | "observations";
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ImportFileRequest {
  kind: ImportKind;
  file: File;
  mapping: Record<string, string | null> | null;
  assessmentPointId: string | null;
  /** Mark the pupils on roll the preview listed as not in the file as left, on this date. */
  leavers?: { token: string; leftOn: string } | null;
}

/** Upload progress: the bytes sent so far, then the server's work on them. */
export type UploadProgress = { phase: "uploading"; percent: number } | { phase: "processing" };

function formOf(request: ImportFileRequest): FormData {
  const form = new FormData();
  form.set("kind", request.kind);
  if (request.mapping) form.set("mapping", JSON.stringify(request.mapping));
  if (request.assessmentPointId) form.set("assessmentPointId", request.assessmentPointId);
  if (request.leavers) {
    form.set("leavers", request.leavers.token);
    form.set("leftOn", request.leavers.leftOn);
  }
  // The file goes last, so the fields are read before it.
  form.set("file", request.file, request.file.name);
  return form;
}

function problemOf(xhr: XMLHttpRequest): ApiProblem {
  let body: Record<string, unknown> = {};
  try {
    body = xhr.responseText ? (JSON.parse(xhr.responseText) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).filter(
        (e): e is FieldError => typeof (e as FieldError)?.field === "string",
      )
    : [];
  const detail =
    typeof body.detail === "string"
      ? body.detail
      : xhr.status === 413
        ? "The file is larger than 20 MB."
        : "Something went wrong.";
  return new ApiProblem(
    xhr.status,
    typeof body.title === "string" ? body.title : xhr.statusText,
    detail,
    errors,
    body,
  );
}

/**
 * Sends an import form with XMLHttpRequest, whose upload reports progress
 * (fetch does not); errors arrive as ApiProblem, like every other request.
 */
export function uploadWithProgress<T>(
  url: string,
  request: ImportFileRequest,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        onProgress({ phase: "uploading", percent: Math.round((event.loaded / event.total) * 100) });
    };
    xhr.upload.onload = () => onProgress({ phase: "processing" });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(
            new ApiProblem(
              xhr.status,
              "Unreadable answer",
              "The server's answer could not be read.",
            ),
          );
        }
      } else reject(problemOf(xhr));
    };
    xhr.onerror = () =>
      reject(
        new ApiProblem(
          0,
          "No connection",
          "Cascade could not be reached. Check your connection and try again.",
        ),
      );
    onProgress({ phase: "uploading", percent: 0 });
    xhr.send(formOf(request));
  });
}

export const previewImport = (
  schoolId: string,
  request: ImportFileRequest,
  onProgress: (p: UploadProgress) => void,
) =>
  uploadWithProgress<ImportPreview>(
    `/api/schools/${schoolId}/imports/preview`,
    request,
    onProgress,
  );

export const runImport = (
  schoolId: string,
  request: ImportFileRequest,
  onProgress: (p: UploadProgress) => void,
) => uploadWithProgress<ImportSummary>(`/api/schools/${schoolId}/imports`, request, onProgress);

export const importsQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ["imports", schoolId],
    queryFn: () => api.get<{ items: ImportSummary[] }>(`/api/schools/${schoolId}/imports`),
    select: (data) => data.items,
  });

export const useImports = (schoolId: string) => useQuery(importsQueryOptions(schoolId));

/** An import (or its undo) changes pupils and values: everything built on them is refreshed. */
export function refreshAfterImport(queryClient: QueryClient) {
  for (const key of [
    "imports",
    "pupils",
    "pupil",
    "observations",
    "gap",
    "assessment-points",
    "cohort",
    "matrix",
  ])
    void queryClient.invalidateQueries({ queryKey: [key] });
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) =>
      api.delete<{ restored: number; removed: number }>(`/api/imports/${importId}`),
    onSuccess: () => refreshAfterImport(queryClient),
  });
}
