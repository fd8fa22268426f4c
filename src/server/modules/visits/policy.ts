import { isSchoolLeaderOf, leadsCluster, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** What a rule needs to know about a visit (or a school's enrolment): its cluster and its school. */
export interface VisitFacts {
  cluster_id: string;
  school_id: string;
}

/**
 * Who may do what with a school's visits. The cluster's programme lead books
 * and records them; the school's own staff read them, and its leaders respond.
 * Nobody else reaches a visit at all: the store answers 404 for them first,
 * through `view`.
 */
export const visitPolicy = {
  /** See a school's visits: its cluster's programme lead and the school's own staff. */
  view: (actor: Actor, v: VisitFacts): boolean =>
    leadsCluster(actor, v.cluster_id) || worksAtSchool(actor, v.school_id),
  /** Book a visit to a school of the cluster: the cluster's programme lead. */
  book: (actor: Actor, cluster: { id: string }): boolean => leadsCluster(actor, cluster.id),
  /** Record what was seen and the actions agreed: the cluster's programme lead. */
  record: (actor: Actor, v: VisitFacts): boolean => leadsCluster(actor, v.cluster_id),
  /** Write the school's response: the school's leaders. */
  respond: (actor: Actor, v: VisitFacts): boolean => isSchoolLeaderOf(actor, v.school_id),
};

/** What the actor may do with this visit, for the page to offer only that. */
export function visitAbilities(actor: Actor, v: VisitFacts) {
  return { canRecord: visitPolicy.record(actor, v), canRespond: visitPolicy.respond(actor, v) };
}
