import type { FastifyRequest } from "fastify";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import type { AppDeps } from "../../context.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { appOrigin } from "../../origin.ts";
import { findPending, leadersOfSchool, otherAdministrators } from "./store.ts";

/**
 * Tells the school's current leaders that a role there waits for approval. A
 * school with no leader yet has nobody to tell there, so the network's other
 * administrators are told instead (one of them must approve). Sent after the
 * grant has committed; a failure to send leaves the message in the outbox.
 */
export async function notifyPendingMembership(
  deps: AppDeps,
  request: FastifyRequest,
  membershipId: string,
): Promise<number> {
  const pending = await findPending(deps.db, membershipId);
  if (!pending?.scope_id) return 0;
  const now = deps.clock.now();
  const leaders = (await leadersOfSchool(deps.db, pending.scope_id)).filter(
    (l) => l.id !== pending.user_id && l.id !== pending.granted_by,
  );
  const recipients =
    leaders.length > 0
      ? leaders
      : await otherAdministrators(deps.db, [
          pending.granted_by ?? pending.user_id,
          pending.user_id,
        ]);
  const role = ROLE_LABELS[pending.role].toLowerCase();
  const url = `${appOrigin(deps.config, request)}/${leaders.length > 0 ? "approvals" : "users"}`;
  for (const recipient of recipients) {
    await sendOrKeep(
      deps,
      {
        to: recipient.email,
        subject: `A ${role} role at ${pending.school_name} is waiting for your approval`,
        text:
          `${pending.granted_by_name ?? "A network administrator"} has given ${pending.user_name} ` +
          `(${pending.user_email}) the role of ${role} at ${pending.school_name}.\n\n` +
          "The role opens the school's named pupil data, so it does nothing until someone other " +
          "than the person who granted it approves it.\n\n" +
          `Approve or reject it in Cascade:\n${url}\n\n` +
          "If you do not recognise this person, reject it and tell your network's administrators.",
      },
      now,
      { kind: "membership-approval", userId: recipient.id },
    );
  }
  return recipients.length;
}
