import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with the termly newsletter. A network administrator
 * compiles, previews and sends an issue; every signed-in person reads the
 * sent issues; each person alone changes their own subscription. The issue
 * also names "a hub's lead for their hub", but Cascade has no hub lead role,
 * so only administrators compile. Pure.
 */
export const newsletterPolicy = {
  /** Start, edit and preview an issue, and see its sending progress: an administrator. */
  compile: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Send an issue, or retry its failed deliveries: an administrator. */
  send: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Read the sent issues: everyone signed in. */
  readBackIssues: (_actor: Actor): boolean => true,
  /** Change a subscription: only its owner (signed in, or holding their unsubscribe link). */
  changeSubscription: (actor: Pick<Actor, "userId">, subscriber: { userId: string }): boolean =>
    actor.userId === subscriber.userId,
};
