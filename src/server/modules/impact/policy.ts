import { isNetworkAdmin, isSchoolLeaderOf, leadsCluster, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may read and write the impact reports (issue 17). Pure.
 *
 * - readSchoolReport: the school's team of leaders and teachers (the report
 *   carries unsuppressed figures and the team's own text, so not
 *   para-professionals, who may not see who is disadvantaged).
 * - writeWhatNext: the school's leaders.
 * - readClusterReport: the cluster's programme lead and network administrators.
 * - readEveryClusterReport: network administrators, for any cluster (the web's
 *   network tool; the lead's own cluster comes with the cluster's abilities).
 */
export const impactPolicy = {
  readSchoolReport: (actor: Actor, school: { id: string }) =>
    schoolIdsOf(actor, ["school_leader", "teacher"]).includes(school.id),
  writeWhatNext: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
  readClusterReport: (actor: Actor, cluster: { id: string }) =>
    impactPolicy.readEveryClusterReport(actor) || leadsCluster(actor, cluster.id),
  readEveryClusterReport: (actor: Actor) => isNetworkAdmin(actor),
};
