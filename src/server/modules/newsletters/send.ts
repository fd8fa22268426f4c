import type { AppDeps } from "../../context.ts";
import { sendOrKeep } from "../../mail/deliver.ts";
import { renderIssue } from "./render.ts";
import {
  claimDeliveries,
  contentOf,
  findNewsletter,
  finishIfDone,
  markDelivered,
  markFailed,
} from "./store.ts";
import { unsubscribeToken } from "./token.ts";

/** How many deliveries one claim takes: small, so several servers share a big send. */
export const BATCH_SIZE = 20;

/**
 * The recipient's unsubscribe page in the web app: it confirms with one button.
 * The token is in the fragment, which browsers never send to a server (so it
 * is in no request log). No RFC 8058 one-click POST: the app refuses writes
 * without its own Origin.
 */
export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl}/newsletters/unsubscribe#token=${encodeURIComponent(token)}`;
}

/**
 * Sends an issue's pending deliveries, a batch at a time, until none is left:
 * each batch is claimed first (pending → sending, skipping rows another server
 * holds), so no one is mailed twice. A failure is recorded on its delivery
 * and the rest go on. Without a mail server, each message is kept in the
 * outbox, HTML part and all, and counts as delivered there. Returns when the
 * queue is empty; the issue is then marked sent.
 */
export async function deliverIssue(
  deps: Pick<AppDeps, "db" | "mailer" | "clock" | "secrets">,
  newsletterId: string,
  appUrl: string,
): Promise<void> {
  const issue = await findNewsletter(deps.db, newsletterId);
  if (issue?.status !== "sending") return;
  for (;;) {
    const batch = await claimDeliveries(deps.db, newsletterId, deps.clock.now(), BATCH_SIZE);
    if (batch.length === 0) break;
    for (const delivery of batch) {
      const unsubscribe = unsubscribeUrl(appUrl, unsubscribeToken(deps.secrets, delivery.user_id));
      const { subject, html, text } = renderIssue(contentOf(issue), {
        appUrl,
        unsubscribeUrl: unsubscribe,
      });
      const message = {
        to: delivery.email,
        subject,
        text,
        html,
        headers: { "List-Unsubscribe": `<${unsubscribe}>` },
      };
      try {
        if (deps.mailer.configured) await deps.mailer.send(message);
        else
          await sendOrKeep(deps, message, deps.clock.now(), {
            kind: "newsletter",
            userId: delivery.user_id,
          });
        await markDelivered(deps.db, delivery.id, deps.clock.now());
      } catch (failure) {
        await markFailed(deps.db, delivery.id, (failure as Error).message || "Sending failed.");
      }
    }
  }
  await finishIfDone(deps.db, newsletterId, deps.clock.now());
}

/** Issues being sent by this process now, so a second request does not start a second loop here. */
const running = new Map<string, Promise<void>>();

/**
 * Starts (or joins) the background send of an issue in this process and
 * returns its promise; the request that started it answers at once and the
 * web polls the progress. Errors are logged, never thrown into the request.
 */
export function deliverInBackground(
  deps: Pick<AppDeps, "db" | "mailer" | "clock" | "secrets">,
  newsletterId: string,
  appUrl: string,
  log: (error: unknown) => void = () => {},
): Promise<void> {
  const current = running.get(newsletterId);
  if (current) return current;
  const work = deliverIssue(deps, newsletterId, appUrl)
    .catch(log)
    .finally(() => running.delete(newsletterId));
  running.set(newsletterId, work);
  return work;
}

/** What this process is sending now, for a test (or shutdown) to wait on. */
export async function sendsInFlight(): Promise<void> {
  await Promise.all(running.values());
}
