import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Who may do what with retention, legal holds and the records of processing. */
export const retentionPolicy = {
  /** See the retention settings and the last run's report: an administrator. */
  viewSettings: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Change how long data is kept: an administrator. */
  changeSettings: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Run the job now (or preview it): an administrator. */
  run: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** See the legal holds: an administrator. */
  viewHolds: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Place or release a legal hold: an administrator. */
  manageHolds: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** A school's schedule and next deletion date: its leaders and the administrators. */
  viewSchedule: (actor: Actor, school: { id: string }): boolean =>
    isNetworkAdmin(actor) || isSchoolLeaderOf(actor, school.id),
  /** The records of processing (what Cascade holds, with counts): an administrator. */
  viewRecords: (actor: Actor): boolean => isNetworkAdmin(actor),
};
