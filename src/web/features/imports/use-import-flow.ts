import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { ImportPreview, ImportSummary } from "../../../contracts/pupil-data.ts";
import { leavingDateProblem } from "../../../domain/leavers.ts";
import { type ApiProblem, isProblem } from "../../lib/api-client.ts";
import {
  type ImportFileRequest,
  type ImportKind,
  MAX_FILE_BYTES,
  previewImport,
  refreshAfterImport,
  runImport,
  type UploadProgress,
} from "./api/imports.ts";

type Busy = { action: "preview" | "import"; progress: UploadProgress } | null;

const mappingOnly = (error: ApiProblem) =>
  error.errors.length > 0 && error.errors.every((e) => e.field.startsWith("mapping."));

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * An import from choice to result: the file, its kind and point, the mapping
 * confirmed column by column, the server's preview of every row, and the
 * import itself. Every change to the inputs asks for a fresh preview; the
 * Import button only acts on a preview of exactly these inputs with no errors.
 */
export function useImportFlow(schoolId: string) {
  const queryClient = useQueryClient();
  const [kind, setKindState] = useState<ImportKind>("pupils");
  const [file, setFileState] = useState<File | null>(null);
  const [pointId, setPointState] = useState<string | null>(null);
  const [mapping, setMappingState] = useState<Record<string, string | null> | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  // Opt-in, per preview: a fresh preview asks again, with today as the leaving date.
  const [markLeavers, setMarkLeavers] = useState(false);
  const [leftOn, setLeftOn] = useState("");
  const asked = useRef(0);

  /** A file's columns are matched as before; when they no longer fit, as the server suggests. */
  const check = async (request: ImportFileRequest, keepMapping = false) => {
    const ticket = ++asked.current;
    setPreviewError(null);
    setImportError(null);
    if (request.file.size > MAX_FILE_BYTES) {
      setPreview(null);
      setPreviewError(
        new Error(
          `The file is ${megabytes(request.file.size)}; files up to 20 MB can be imported. Export fewer columns or split the file.`,
        ),
      );
      return;
    }
    setBusy({ action: "preview", progress: { phase: "uploading", percent: 0 } });
    try {
      const answer = await previewImport(schoolId, request, (progress) => {
        if (ticket === asked.current) setBusy({ action: "preview", progress });
      });
      if (ticket !== asked.current) return;
      setPreview(answer);
      setMappingState(answer.mapping);
      setMarkLeavers(false);
      setLeftOn(answer.leavers?.today ?? "");
    } catch (error) {
      if (ticket !== asked.current) return;
      if (keepMapping && request.mapping && isProblem(error, 400) && mappingOnly(error)) {
        setMappingState(null);
        return void check({ ...request, mapping: null });
      }
      setPreviewError(error);
    } finally {
      if (ticket === asked.current) setBusy(null);
    }
  };

  const requestWith = (changes: Partial<ImportFileRequest>): ImportFileRequest | null => {
    const next = { kind, file, mapping, assessmentPointId: pointId, ...changes };
    return next.file ? (next as ImportFileRequest) : null;
  };

  const recheck = (changes: Partial<ImportFileRequest>, keepMapping = false) => {
    setResult(null);
    const request = requestWith(changes);
    if (request) void check(request, keepMapping);
    else setPreview(null);
  };

  const leavers = preview?.leavers && preview.leavers.count > 0 ? preview.leavers : null;
  const leftOnProblem =
    leavers && markLeavers
      ? leftOn === ""
        ? "Give the date they left."
        : leavingDateProblem(leftOn, leavers.today, leavers.notBefore)
      : null;

  return {
    kind,
    file,
    pointId,
    mapping,
    preview,
    previewError,
    busy,
    result,
    importError,
    setKind: (next: ImportKind) => {
      setKindState(next);
      setMappingState(null);
      setPointState(null);
      recheck({ kind: next, mapping: null, assessmentPointId: null });
    },
    setFile: (next: File | null) => {
      setFileState(next);
      // A corrected file keeps the columns as matched so far.
      recheck({ file: next as File }, true);
    },
    setPoint: (next: string | null) => {
      setPointState(next);
      recheck({ assessmentPointId: next });
    },
    setColumn: (header: string, field: string | null) => {
      const next = { ...(mapping ?? preview?.mapping ?? {}), [header]: field };
      setMappingState(next);
      recheck({ mapping: next });
    },
    /** The pupils on roll the pupil list leaves out, when there are any. */
    leavers,
    markLeavers: Boolean(leavers && markLeavers),
    setMarkLeavers,
    leftOn,
    setLeftOn,
    leftOnProblem,
    canImport: Boolean(
      file && preview && preview.errorCount === 0 && !busy && !previewError && !leftOnProblem,
    ),
    runImport: async () => {
      const request = requestWith({
        mapping: preview?.mapping ?? mapping,
        leavers: leavers && markLeavers ? { token: leavers.token, leftOn } : null,
      });
      if (!request) return;
      setImportError(null);
      setBusy({ action: "import", progress: { phase: "uploading", percent: 0 } });
      try {
        const summary = await runImport(schoolId, request, (progress) =>
          setBusy({ action: "import", progress }),
        );
        setResult(summary);
        setPreview(null);
        setFileState(null);
        setMappingState(null);
        refreshAfterImport(queryClient);
      } catch (error) {
        setImportError(error);
      } finally {
        setBusy(null);
      }
    },
    startAgain: () => {
      asked.current++;
      setFileState(null);
      setPreview(null);
      setMappingState(null);
      setPreviewError(null);
      setImportError(null);
      setBusy(null);
    },
  };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;
