import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Whose programme year reaches a person's calendar: every workshop for an
 * administrator; the clusters they lead; the schools they work at. Pure. The
 * store's queries select by exactly these sets; the rules below say the same of
 * one event.
 */
export function calendarReach(actor: Actor) {
  return {
    everyWorkshop: isNetworkAdmin(actor),
    ledClusterIds: clusterIdsLedBy(actor),
    schoolIds: schoolIdsOf(actor),
  };
}

export type CalendarReach = ReturnType<typeof calendarReach>;

/** A workshop, as the calendar rule needs it: its cluster, and the schools enrolled in that cluster. */
export interface WorkshopFacts {
  clusterId: string;
  enrolledSchoolIds: readonly string[];
}

/** A school's event (an assessment point, an action, a visit) and the cluster the school is in. */
export interface SchoolEventFacts {
  schoolId: string;
  clusterId: string;
}

const atOwnSchool = (r: CalendarReach, e: { schoolId: string }) => r.schoolIds.includes(e.schoolId);

/**
 * Which events go on a person's calendar (the in-app calendar and their feed).
 * Nobody is refused: what is not theirs simply is not there.
 */
export const calendarPolicy = {
  /** A workshop: an administrator sees every one; others those of the clusters they lead or their schools are enrolled in. */
  seeWorkshop: (actor: Actor, w: WorkshopFacts): boolean => {
    const r = calendarReach(actor);
    return (
      r.everyWorkshop ||
      r.ledClusterIds.includes(w.clusterId) ||
      w.enrolledSchoolIds.some((id) => r.schoolIds.includes(id))
    );
  },
  /** When a school's data is due: its staff. */
  seeAssessmentPoint: (actor: Actor, p: SchoolEventFacts): boolean =>
    atOwnSchool(calendarReach(actor), p),
  /** When a school team's open action is due: its staff. */
  seeAction: (actor: Actor, a: SchoolEventFacts): boolean => atOwnSchool(calendarReach(actor), a),
  /** A programme lead's visit to a school: the school's staff, and the lead of the school's cluster. */
  seeVisit: (actor: Actor, v: SchoolEventFacts): boolean => {
    const r = calendarReach(actor);
    return atOwnSchool(r, v) || r.ledClusterIds.includes(v.clusterId);
  },
};

export type CalendarRule = keyof typeof calendarPolicy;
