import type { PupilSight } from "../../../domain/pupil-visibility.ts";
import { worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * How a school's gap is shown. Everyone who can see the school sees it (the
 * scoped loader answers 404 for the rest); small groups are suppressed except
 * for the school's own staff who see the poverty flags. Pure.
 */
export const gapPolicy = {
  /**
   * Unsuppressed figures: the school's own staff who see who is disadvantaged. A
   * para-professional who does not sees the gap as people outside the school do,
   * so that no figure points at a pupil they know.
   */
  seeSmallGroups: (
    actor: Actor,
    school: { id: string },
    sight: Pick<PupilSight, "povertyFlags"> | undefined,
  ) => worksAtSchool(actor, school.id) && (sight?.povertyFlags ?? false),
};
