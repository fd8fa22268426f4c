import type { PupilSight } from "../../../domain/pupil-visibility.ts";
import { type PupilView, seesCohortOf } from "../../access/pupil-visibility.ts";
import { isSchoolLeaderOf, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with a school's target cohort. Whether a reader sees the
 * cohort as a cohort is access/pupil-visibility.ts's rule; these name its uses. Pure.
 */
export const cohortPolicy = {
  /**
   * The candidate finder ranks every pupil of the school by disadvantage: for
   * staff who see the whole school.
   */
  findCandidates: (sight: Pick<PupilSight, "allPupils">) => sight.allPupils,
  /** The cohort's list: the school's staff who see the cohort (para-professionals on its team). */
  readCohort: (view: PupilView, enrolment: { id: string }) => seesCohortOf(view, enrolment.id),
  /** Whether the reader is one of the school's staff at all. */
  ofSchool: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  /** Confirming who is in the cohort: the school's leaders. */
  confirm: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
};
