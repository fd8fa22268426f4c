import { isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may bring a file of pupil data into a school, and take one back out. Rows
 * outside what the actor can reach never get here: the store's loaders (and
 * `schoolForPupilData`) answer 404 for them first. Pure.
 */
export const importPolicy = {
  /** Check a file, import it, and list the school's imports: the school's leaders. */
  importInto: (actor: Actor, school: { id: string }): boolean => isSchoolLeaderOf(actor, school.id),
  /** Undo one of the school's imports: its leaders (whether it still can be is the undo's to say). */
  undo: (actor: Actor, record: { schoolId: string }): boolean =>
    isSchoolLeaderOf(actor, record.schoolId),
};
