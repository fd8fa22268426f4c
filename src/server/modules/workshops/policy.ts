import { isNetworkAdmin, leadsCluster } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

type InCluster = { cluster_id: string };

/**
 * Who may do what to a cluster's workshops. Rows outside what the actor can see
 * never reach these rules: the store's loaders answer 404 for them first.
 */
export const workshopPolicy = {
  /** Schedule a workshop in the cluster: its programme lead. */
  schedule: (actor: Actor, cluster: { id: string }): boolean => leadsCluster(actor, cluster.id),
  /** Change a workshop, or write its summary: the cluster's programme lead. */
  edit: (actor: Actor, w: InCluster): boolean => leadsCluster(actor, w.cluster_id),
  /** Set a pre-work or follow-up task: the cluster's programme lead. */
  setTask: (actor: Actor, w: InCluster): boolean => leadsCluster(actor, w.cluster_id),
  /** Attach a material: the cluster's programme lead. */
  attachMaterial: (actor: Actor, w: InCluster): boolean => leadsCluster(actor, w.cluster_id),
  /** Take the register: the cluster's programme lead. */
  takeRegister: (actor: Actor, w: InCluster): boolean => leadsCluster(actor, w.cluster_id),
  /** See every school's team on the register (others see only their own school's). */
  seeWholeRegister: (actor: Actor, w: InCluster): boolean => leadsCluster(actor, w.cluster_id),
  /** Read the cluster's year at a glance: its programme lead or an administrator. */
  readProgress: (actor: Actor, cluster: { id: string }): boolean =>
    isNetworkAdmin(actor) || leadsCluster(actor, cluster.id),
};
