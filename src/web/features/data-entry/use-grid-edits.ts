import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Measure } from "../../../contracts/pupil-data.ts";
import { parseMeasureValue } from "../../../domain/measures.ts";
import { ApiProblem } from "../../lib/api-client.ts";
import {
  type Grid,
  gridQueryOptions,
  type ObservationInput,
  refreshAfterSave,
  saveObservations,
} from "./api/observations.ts";

export const cellKey = (pupilId: string, measureId: string) => `${pupilId}:${measureId}`;

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving"; count: number }
  | { kind: "saved"; count: number; at: Date }
  | { kind: "failed"; message: string };

/** A cell's typed text against its measure: the value to store (null clears) or what is wrong. */
export function checkText(measure: Measure, text: string) {
  if (text.trim() === "") return { ok: true as const, value: null };
  const result = parseMeasureValue(measure, text);
  return result.ok ? { ok: true as const, value: result.value } : result;
}

const SAVE_AFTER_MS = 800;

/**
 * The edits made in the grid of one point: typed text per cell, the cells
 * committed (Enter, Tab, moving away) and waiting to be saved, and the save
 * status. Committed cells are saved together, all or nothing, shortly after
 * the last commit; a refused batch keeps every edit and marks the cells named.
 */
export function useGridEdits(
  grid: Grid,
  schoolId: string,
  pointId: string,
  yearGroup: string | null,
) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [queued, setQueued] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const measures = useMemo(() => new Map(grid.measures.map((m) => [m.id, m])), [grid.measures]);
  const saved = useMemo(
    () => new Map(grid.values.map((v) => [cellKey(v.pupilId, v.measureId), v])),
    [grid.values],
  );
  // The latest state for the timer and the save, which outlive a render.
  const latest = useRef({ drafts, queued, saved, measures });
  latest.current = { drafts, queued, saved, measures };
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const measureOf = (key: string) => measures.get(key.split(":")[1] ?? "");
  const textOf = (key: string) => drafts.get(key) ?? saved.get(key)?.display ?? "";
  const errorOf = (key: string): string | null => {
    const measure = measureOf(key);
    const draft = drafts.get(key);
    if (draft !== undefined && measure) {
      const checked = checkText(measure, draft);
      if (!checked.ok) return checked.message;
    }
    return serverErrors.get(key) ?? null;
  };

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) return;
    const { drafts: d, queued: q, measures: ms } = latest.current;
    const batch: Array<{ key: string; text: string; input: ObservationInput }> = [];
    for (const key of q) {
      const text = d.get(key);
      const [pupilId = "", measureId = ""] = key.split(":");
      const measure = ms.get(measureId);
      if (text === undefined || !measure) continue;
      const checked = checkText(measure, text);
      if (!checked.ok) continue;
      batch.push({
        key,
        text,
        input: { pupilId, measureId, assessmentPointId: pointId, value: checked.value },
      });
    }
    if (batch.length === 0) return;
    inFlight.current = true;
    setStatus({ kind: "saving", count: batch.length });
    try {
      const result = await saveObservations(batch.map((b) => b.input));
      queryClient.setQueryData(gridQueryOptions(schoolId, pointId, yearGroup).queryKey, (old) => {
        if (!old) return old;
        const byKey = new Map(old.values.map((v) => [cellKey(v.pupilId, v.measureId), v]));
        for (const v of result.saved) {
          const key = cellKey(v.pupilId, v.measureId);
          if (v.value === null) byKey.delete(key);
          else byKey.set(key, v);
        }
        return { ...old, values: [...byKey.values()] };
      });
      const sent = new Map(batch.map((b) => [b.key, b.text]));
      // Only cells not typed in again since they were sent become clean.
      setDrafts((old) => {
        const next = new Map(old);
        for (const [key, text] of sent) if (next.get(key) === text) next.delete(key);
        return next;
      });
      setQueued(
        (old) =>
          new Set([...old].filter((key) => latest.current.drafts.get(key) !== sent.get(key))),
      );
      setServerErrors((old) => new Map([...old].filter(([key]) => !sent.has(key))));
      setStatus({ kind: "saved", count: batch.length, at: new Date() });
      refreshAfterSave(queryClient, schoolId);
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const named = new Map<string, string>();
        for (const e of error.errors) {
          const index = /^observations\.(\d+)\.value$/.exec(e.field)?.[1];
          const item = index === undefined ? undefined : batch[Number(index)];
          if (item) named.set(item.key, e.message);
        }
        setServerErrors((old) => new Map([...old, ...named]));
      }
      const message =
        error instanceof ApiProblem ? error.detail || error.title : "Something went wrong.";
      setStatus({ kind: "failed", message });
    } finally {
      inFlight.current = false;
    }
  }, [queryClient, schoolId, pointId, yearGroup]);

  // Another batch may have been committed while one was being saved.
  useEffect(() => {
    if (status.kind === "saved" && queued.size > 0 && !timer.current)
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
  }, [status, queued, save]);

  // Leaving the grid (another point, another page) saves what was committed.
  useEffect(
    () => () => {
      if (latest.current.queued.size > 0) void save();
    },
    [save],
  );

  const setText = (key: string, text: string) => {
    setServerErrors((old) => (old.has(key) ? new Map([...old].filter(([k]) => k !== key)) : old));
    setDrafts((old) => new Map(old).set(key, text));
  };

  const revert = (key: string) => {
    setDrafts((old) => new Map([...old].filter(([k]) => k !== key)));
    setQueued((old) => new Set([...old].filter((k) => k !== key)));
    setServerErrors((old) => new Map([...old].filter(([k]) => k !== key)));
  };

  /** Accepts a cell's text: false (and nothing queued) when it does not fit the scale. */
  const commit = (key: string): boolean => {
    const draft = drafts.get(key);
    const measure = measureOf(key);
    if (draft === undefined || !measure) return true;
    const checked = checkText(measure, draft);
    if (!checked.ok) return false;
    const before = saved.get(key)?.value ?? null;
    if (checked.value === before) {
      revert(key);
      return true;
    }
    setQueued((old) => new Set(old).add(key));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    return true;
  };

  const invalidCount = [...drafts.keys()].filter((key) => errorOf(key) !== null).length;
  const pending = [...queued].filter((key) => drafts.has(key)).length;
  return {
    textOf,
    errorOf,
    setText,
    revert,
    commit,
    save,
    status,
    drafts,
    queued,
    invalidCount,
    pending,
  };
}
