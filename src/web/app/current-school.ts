import { useSyncExternalStore } from "react";
import { SCHOOL_ROLES } from "../../domain/roles.ts";
import { useMe } from "./get-me.ts";

const STORAGE_KEY = "cascade.school";

export interface CurrentSchool {
  id: string;
  name: string;
  /** Leaders manage the school's pupils, imports, measures and points. */
  isLeader: boolean;
}

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
 * The schools the person works at (from their memberships) and the one the
 * pupil-data pages are about: the one chosen in this tab, else the first.
 */
export function useCurrentSchool() {
  const { data: me } = useMe();
  const choice = useSyncExternalStore(subscribe, () => chosen);
  const schools: CurrentSchool[] = [];
  for (const m of me?.memberships ?? []) {
    if (!SCHOOL_ROLES.includes(m.role) || !m.scopeId) continue;
    const known = schools.find((s) => s.id === m.scopeId);
    if (known) known.isLeader ||= m.role === "school_leader";
    else schools.push({ id: m.scopeId, name: m.scopeName, isLeader: m.role === "school_leader" });
  }
  const school = schools.find((s) => s.id === choice) ?? schools[0] ?? null;
  return { schools, school };
}
