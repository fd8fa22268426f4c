import {
  isNetworkAdmin,
  isSchoolLeaderOf,
  leadsCluster,
  schoolIdsOf,
  worksAtSchool,
} from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

type Scope = { scopeType: "school" | "cluster"; scopeId: string };

/**
 * Who sees which matrix, and who saves its axes. Names inside the viewer's own
 * school, pseudonyms outside it, are decided where the dots are built. Pure.
 */
export const matrixPolicy = {
  /** The school view: for a school's own staff. */
  schoolView: (actor: Actor) => schoolIdsOf(actor).length > 0,
  /** A trio's or cluster's matrix: administrators, the cluster's lead, or staff of a school in it. */
  groupView: (actor: Actor, group: { clusterId: string; hasOwnSchool: boolean }) =>
    isNetworkAdmin(actor) || leadsCluster(actor, group.clusterId) || group.hasOwnSchool,
  /** Saving the axes: the school's leaders, or the cluster's programme lead. */
  saveAxes: (actor: Actor, scope: Scope) =>
    scope.scopeType === "school"
      ? isSchoolLeaderOf(actor, scope.scopeId)
      : leadsCluster(actor, scope.scopeId),
  /**
   * Whether the scope is in the actor's sight at all (else 404): a school they
   * work at, or any for administrators; a cluster one of their schools is enrolled
   * in (`hasOwnSchool`), or any for administrators.
   */
  seesScope: (actor: Actor, scope: Scope, cluster?: { hasOwnSchool: boolean }) =>
    isNetworkAdmin(actor) ||
    (scope.scopeType === "school"
      ? worksAtSchool(actor, scope.scopeId)
      : (cluster?.hasOwnSchool ?? false)),
};
