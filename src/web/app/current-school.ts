import { useSyncExternalStore } from "react";
import type { MySchool } from "../../contracts/auth.ts";
import { useMe } from "./get-me.ts";

const STORAGE_KEY = "cascade.school";

/** A school the person works at, with what the server says they may do there. */
export type CurrentSchool = MySchool;

// The chosen school (for people who work at several), kept for the browser tab.
const listeners = new Set<() => void>();
let chosen: string | null = null;
try {
  chosen = sessionStorage.getItem(STORAGE_KEY);
} catch {
  chosen = null;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function chooseSchool(id: string) {
  chosen = id;
  try {
    sessionStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Storage may be off; the choice then lasts until the page reloads.
  }
  for (const listener of listeners) listener();
}

/**
 * The schools the person works at (as /api/me lists them, each with its abilities)
 * and the one the pupil-data pages are about: the one chosen in this tab, else the first.
 */
export function useCurrentSchool() {
  const { data: me } = useMe();
  const choice = useSyncExternalStore(subscribe, () => chosen);
  const schools: CurrentSchool[] = me?.schools ?? [];
  const school = schools.find((s) => s.id === choice) ?? schools[0] ?? null;
  return { schools, school };
}
