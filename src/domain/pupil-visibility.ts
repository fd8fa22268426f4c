/**
 * Who of a school's staff sees which of its pupils, and which of their flags.
 *
 * Leaders and teachers see every pupil of their school with every flag. A
 * para-professional, by default, sees only the pupils they work with — the
 * school's target cohort when they are on its programme team, and the
 * participants of strategies they own (deliver) — and not the poverty flags:
 * pupil premium, FSM, ever-6 FSM and the "disadvantaged" mark derived from them.
 * Delivering support needs SEN, looked-after, EAL and year group; it does not
 * need to know whose family is poor. Pupils outside that set are not listed to
 * them at all: a list without flags would still name every child of the school,
 * and a named list that is filtered by anything tied to the cohort would say who
 * is disadvantaged. A school's leaders may widen it to the whole school (every
 * pupil, every flag), which is audited.
 *
 * The server applies this in one place (src/server/access/pupil-visibility.ts);
 * the web app only shows what the server sent.
 */
import type { Role } from "./roles.ts";

export const PARA_PUPIL_ACCESS = ["working", "whole_school"] as const;
export type ParaPupilAccess = (typeof PARA_PUPIL_ACCESS)[number];

export const PARA_PUPIL_ACCESS_LABELS: Record<ParaPupilAccess, string> = {
  working:
    "The pupils they work with (the target cohort, if they are on the team, and their strategies' pupils), without pupil premium or FSM (the default)",
  whole_school: "Every pupil of the school, with every flag, as teachers see them",
};

/** The flags that say a child's family is poor, or are derived from them. */
export const POVERTY_FLAGS = ["pupilPremium", "fsm", "ever6Fsm", "disadvantaged"] as const;
export type PovertyFlag = (typeof POVERTY_FLAGS)[number];

export interface PupilSight {
  /** Every pupil of the school (true), or only the pupils the person works with. */
  allPupils: boolean;
  /** Whether pupil premium, FSM, ever-6 FSM and "disadvantaged" are shown. */
  povertyFlags: boolean;
}

const FULL: PupilSight = { allPupils: true, povertyFlags: true };
const WORKING: PupilSight = { allPupils: false, povertyFlags: false };

/**
 * What someone holding `roles` at one school sees of its pupils, given the
 * school's setting. The widest role wins: a teacher who is also a
 * para-professional sees what a teacher sees. No school role: nothing named (the
 * caller refuses before asking), reported as the narrow sight to be safe.
 */
export function pupilSight(roles: readonly Role[], setting: ParaPupilAccess): PupilSight {
  if (roles.includes("school_leader") || roles.includes("teacher")) return FULL;
  if (roles.includes("para_professional") && setting === "whole_school") return FULL;
  return WORKING;
}

/** A pupil's flags as one reader may see them: the poverty flags may be null ("not shown to you"). */
export type Withheld<T> = { [K in keyof T]: K extends PovertyFlag ? T[K] | null : T[K] };

/** A pupil as shown under `sight`: its poverty flags null when withheld, everything else as it was. */
export function withholdPovertyFlags<T extends Partial<Record<PovertyFlag, boolean | null>>>(
  pupil: T,
  sight: Pick<PupilSight, "povertyFlags">,
): Withheld<T> {
  if (sight.povertyFlags) return pupil as Withheld<T>;
  const copy: Record<string, unknown> = { ...pupil };
  for (const flag of POVERTY_FLAGS) if (flag in copy) copy[flag] = null;
  return copy as Withheld<T>;
}
