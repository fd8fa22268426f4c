import {
  clusterIdsLedBy,
  isNetworkAdmin,
  leadsCluster,
  worksAtSchool,
} from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

type Owned = { created_by: string | null };

const leadsAnyCluster = (actor: Actor): boolean => clusterIdsLedBy(actor).length > 0;

/**
 * Who may do what in the resource library. Everyone signed in reads it (the
 * route's access rule); these rules decide the changes. Pure.
 */
export const resourcePolicy = {
  /** Add resources and build reading lists: a network administrator or a programme lead. */
  manage: (actor: Actor): boolean => isNetworkAdmin(actor) || leadsAnyCluster(actor),
  /** Edit or archive a resource: an administrator, or the programme lead who added it. */
  change: (actor: Actor, resource: Owned): boolean =>
    isNetworkAdmin(actor) || (leadsAnyCluster(actor) && resource.created_by === actor.userId),
  /** Say a resource belongs to a workshop: an administrator, or that workshop's cluster's lead. */
  attachToWorkshop: (actor: Actor, workshop: { cluster_id: string }): boolean =>
    isNetworkAdmin(actor) || leadsCluster(actor, workshop.cluster_id),
  /** Put a workshop's material in the library: an administrator, or that workshop's cluster's lead. */
  linkMaterial: (actor: Actor, workshop: { cluster_id: string }): boolean =>
    isNetworkAdmin(actor) || leadsCluster(actor, workshop.cluster_id),
  /** Change a reading list (its details, items, order and notes): an administrator, or the lead who made it. */
  changeList: (actor: Actor, list: Owned): boolean =>
    isNetworkAdmin(actor) || (leadsAnyCluster(actor) && list.created_by === actor.userId),
  /** Read, add to and take from a school's shelf: the school's own staff. */
  keepShelf: (actor: Actor, school: { id: string }): boolean => worksAtSchool(actor, school.id),
};
