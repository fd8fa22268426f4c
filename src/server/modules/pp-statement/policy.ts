import { isSchoolLeaderOf, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with a school's pupil premium strategy statement. Pure.
 *
 * - read: the draft, its preview and its downloads: the school's leaders and
 *   teachers. Para-professionals are not offered it (it carries the school's
 *   budget), and nobody outside the school reaches it (the loader answers 404).
 * - edit: what the team enters, and marking it published: the school's leaders.
 */
export const ppStatementPolicy = {
  read: (actor: Actor, school: { id: string }) =>
    schoolIdsOf(actor, ["school_leader", "teacher"]).includes(school.id),
  edit: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
};
