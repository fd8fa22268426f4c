import { isNetworkAdmin } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** Who may do what with the outbox and the reminders. */
export const reminderPolicy = {
  /** Send the reminders due now: an administrator. */
  sendDue: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Read the outbox (addressee, kind, time, state): an administrator. */
  readOutbox: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Open a kept message's subject and body: only the person it is addressed to. */
  openMessage: (actor: Pick<Actor, "userId">, message: { user_id: string | null }): boolean =>
    message.user_id !== null && message.user_id === actor.userId,
};
