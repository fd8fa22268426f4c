import type { PupilSight } from "../../../domain/pupil-visibility.ts";
import { isSchoolLeaderOf, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

type OfSchool = { school_id: string };
type School = { id: string };

/**
 * Who may do what with a school's pupils. Which pupils and flags a member of
 * staff sees is access/pupil-visibility.ts's to decide; these rules say what
 * they may do with what they see. Pure.
 */
export const pupilPolicy = {
  /** A pupil's profile: the school's own staff (the loader already hid pupils they do not see). */
  viewProfile: (actor: Actor, pupil: OfSchool) => worksAtSchool(actor, pupil.school_id),
  /** Correcting a pupil's details or recording that they left: the school's leaders. */
  edit: (actor: Actor, pupil: OfSchool) => isSchoolLeaderOf(actor, pupil.school_id),
  /** Who counts as disadvantaged: read by all the school's staff, changed by its leaders. */
  readDisadvantageRule: (actor: Actor, school: School) => worksAtSchool(actor, school.id),
  changeDisadvantageRule: (actor: Actor, school: School) => isSchoolLeaderOf(actor, school.id),
  /** What the school's para-professionals see: read by all its staff, set by its leaders. */
  readParaAccess: (actor: Actor, school: School) => worksAtSchool(actor, school.id),
  changeParaAccess: (actor: Actor, school: School) => isSchoolLeaderOf(actor, school.id),
  /**
   * Filtering a list by disadvantage: only for a reader who sees the poverty flags
   * (a filter on a withheld flag would reveal it as surely as showing it).
   */
  filterByDisadvantage: (sight: Pick<PupilSight, "povertyFlags">) => sight.povertyFlags,
};
