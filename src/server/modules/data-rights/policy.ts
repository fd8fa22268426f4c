import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

type OfSchool = { school_id: string };

/**
 * Who may exercise UK GDPR rights over whose data. The school is the data
 * controller for its pupils, so its leaders answer a pupil's subject access,
 * see the rectification history and erase; everyone has their own data;
 * accounts span the network, so its administrators erase them. Pure.
 */
export const dataRightsPolicy = {
  /** Everything held about a pupil, as a download: the pupil's school's leaders. */
  exportPupil: (actor: Actor, pupil: OfSchool) => isSchoolLeaderOf(actor, pupil.school_id),
  /** Who changed what in a pupil's record and values: the pupil's school's leaders. */
  readHistory: (actor: Actor, pupil: OfSchool) => isSchoolLeaderOf(actor, pupil.school_id),
  /** Erasing a pupil: the pupil's school's leaders. */
  erasePupil: (actor: Actor, pupil: OfSchool) => isSchoolLeaderOf(actor, pupil.school_id),
  /** One's own data: anyone signed in, only their own. */
  exportOwnData: (actor: Actor, user: { id: string }) => actor.userId === user.id,
  /** Erasing (anonymising) an account: administrators, never their own (someone else must). */
  eraseUser: (actor: Actor, user: { id: string }) =>
    isNetworkAdmin(actor) && actor.userId !== user.id,
};
