import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { formatCalendarDate, toLondon } from "../../../domain/calendar.ts";
import { describeDevice } from "../../../domain/device.ts";
import type { AppDeps } from "../../context.ts";
import { sendOrKeep } from "../../mail/deliver.ts";

/**
 * How long a device stays known without being used: longer than the summer
 * holiday, so the laptop a teacher left at school in July is not "new" in
 * September, yet short enough that an address seen once a year ago is.
 */
export const KNOWN_DEVICE_DAYS = 90;
const KNOWN_MS = KNOWN_DEVICE_DAYS * 24 * 60 * 60 * 1000;

/**
 * A device is the pair (readable device name, address). The readable name, not
 * the raw user agent, so a browser's monthly update does not count as a new
 * device; with the address, so the same kind of laptop elsewhere does.
 */
export function deviceKey(userAgent: string | null, ip: string | null): string {
  return createHash("sha256")
    .update(`${describeDevice(userAgent)}\n${ip ?? ""}`)
    .digest("hex");
}

type Client = { ip: string | null; userAgent: string | null };

/**
 * Whether this person has signed in from this device within the last 90 days:
 * a known-device row, one of their other sessions, or their audit rows (which
 * keep address and user agent) say so. Also whether they have any history at
 * all: a person's very first sign-in is from a new device by definition, and
 * telling them so is noise.
 */
async function seenBefore(
  db: Kysely<DB>,
  userId: string,
  client: Client,
  now: Date,
): Promise<{ seen: boolean; history: boolean }> {
  const key = deviceKey(client.userAgent, client.ip);
  const since = new Date(now.getTime() - KNOWN_MS);
  const known = await db
    .selectFrom("known_devices")
    .select(["device_key", "last_seen_at"])
    .where("user_id", "=", userId)
    .execute();
  if (known.some((d) => d.device_key === key && d.last_seen_at > since)) {
    return { seen: true, history: true };
  }
  const sessions = await db
    .selectFrom("sessions")
    .select(["ip", "user_agent"])
    .where("user_id", "=", userId)
    .where("created_at", "<", now)
    .where("expires_at", ">", now)
    .execute();
  const audited = await db
    .selectFrom("audit_events")
    .select(["ip", "user_agent"])
    .distinct()
    .where("actor_user_id", "=", userId)
    .where("occurred_at", ">", since)
    .where("occurred_at", "<", now)
    .limit(1000)
    .execute();
  const pairs = [...sessions, ...audited];
  return {
    seen: pairs.some((p) => deviceKey(p.user_agent, p.ip) === key),
    history: known.length > 0 || pairs.length > 0,
  };
}

async function remember(db: Kysely<DB>, userId: string, client: Client, now: Date) {
  await db
    .insertInto("known_devices")
    .values({
      user_id: userId,
      device_key: deviceKey(client.userAgent, client.ip),
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(["user_id", "device_key"]).doUpdateSet({ last_seen_at: now }))
    .execute();
}

/**
 * Called after a password sign-in has started its session: remembers the
 * device and, when the person has signed in before but never from this
 * device (in 90 days), emails them where the sign-in came from and what to do
 * if it was not them. Answers whether a notice went.
 */
export async function noticeSignIn(
  deps: Pick<AppDeps, "db" | "mailer">,
  user: { id: string; email: string },
  client: Client,
  now: Date,
  /** The app's origin, for the links in the email. */
  origin: string,
): Promise<boolean> {
  const { seen, history } = await seenBefore(deps.db, user.id, client, now);
  await remember(deps.db, user.id, client, now);
  if (seen || !history) return false;
  const when = toLondon(now);
  await sendOrKeep(
    deps,
    {
      to: user.email,
      subject: "New sign-in to your Cascade account",
      text:
        "Your Cascade account was just signed in to from a device or address it has not " +
        "been used from recently.\n\n" +
        `Device: ${describeDevice(client.userAgent)}\n` +
        `Address: ${client.ip ?? "unknown"}\n` +
        `When: ${formatCalendarDate(when.date)} at ${when.time} (UK time)\n\n` +
        "If this was you, there is nothing to do.\n\n" +
        "If it was not you, change your password and end the sessions you do not recognise:\n" +
        `${origin}/account/sessions\n\n` +
        `If you cannot sign in, ask for a password reset:\n${origin}/forgot-password`,
    },
    now,
    { kind: "account-security", userId: user.id },
  );
  return true;
}
