import type { Kysely } from "kysely";
import { FORMER_STAFF_NAME } from "../../../contracts/data-rights.ts";
import type { DB } from "../../../db/schema.ts";
import { deleteSessionsOfUser } from "../../access/sessions.ts";
import { NotFound } from "../../errors.ts";

/**
 * data-rights' SQL about members of staff: what their own subject access reads,
 * and what erasing an account changes. Only ever called with the signed-in
 * person's own id (export) or an administrator's target (erasure).
 */

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

/** Everything Cascade holds about one member of staff, grouped. */
export async function staffHoldings(db: Kysely<DB>, userId: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "created_at", "disabled_at", "reminders_enabled"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw new NotFound("user");
  const [memberships, sessions, teams, audit, strategies, reviews, actions, recorded] =
    await Promise.all([
      db.selectFrom("memberships").selectAll().where("user_id", "=", userId).execute(),
      db
        .selectFrom("sessions")
        .select(["created_at", "last_seen_at", "expires_at", "ip", "user_agent", "method"])
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      db
        .selectFrom("team_members")
        .select(["enrolment_id", "team_role", "subject", "created_at"])
        .where("user_id", "=", userId)
        .execute(),
      db
        .selectFrom("audit_events")
        .select(["occurred_at", "action", "target_type", "target_id", "ip"])
        .where("actor_user_id", "=", userId)
        .orderBy("id")
        .execute(),
      db
        .selectFrom("strategies")
        .select(["id", "title", "created_at"])
        .where((eb) => eb.or([eb("created_by", "=", userId), eb("owner_user_id", "=", userId)]))
        .orderBy("created_at")
        .execute(),
      db
        .selectFrom("strategy_reviews")
        .select(["strategy_id", "reviewed_on", "created_at"])
        .where("author_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      db
        .selectFrom("actions")
        .select(["id", "title", "created_at"])
        .where((eb) => eb.or([eb("created_by", "=", userId), eb("owner_user_id", "=", userId)]))
        .orderBy("created_at")
        .execute(),
      db
        .selectFrom("observations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("recorded_by", "=", userId)
        .executeTakeFirstOrThrow(),
    ]);
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      createdAt: iso(user.created_at),
      disabledAt: user.disabled_at ? iso(user.disabled_at) : null,
      remindersEnabled: user.reminders_enabled,
    },
    memberships: memberships.map((m) => ({
      role: m.role,
      scopeType: m.scope_type,
      scopeId: m.scope_id,
      pending: m.pending,
      createdAt: iso(m.created_at),
    })),
    sessions: sessions.map((s) => ({
      createdAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(s.expires_at),
      ip: s.ip,
      userAgent: s.user_agent,
      method: s.method,
    })),
    teams: teams.map((t) => ({
      enrolmentId: t.enrolment_id,
      teamRole: t.team_role,
      subject: t.subject,
      joinedAt: iso(t.created_at),
    })),
    auditEntries: audit.map((a) => ({
      occurredAt: iso(a.occurred_at),
      action: a.action,
      actor: user.name,
      targetType: a.target_type,
      targetId: a.target_id,
      ip: a.ip,
    })),
    authored: {
      strategies: strategies.map((s) => ({
        id: s.id,
        title: s.title,
        createdAt: iso(s.created_at),
      })),
      strategyReviews: reviews.map((r) => ({
        strategyId: r.strategy_id,
        reviewedOn: r.reviewed_on,
        createdAt: iso(r.created_at),
      })),
      actions: actions.map((a) => ({ id: a.id, title: a.title, createdAt: iso(a.created_at) })),
      observationsRecorded: Number(recorded.n),
    },
  };
}

/** The account's email, for the confirmation; 404 when there is no such account. */
export async function accountToErase(db: Kysely<DB>, userId: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "email"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw new NotFound("user");
  return user;
}

/**
 * Anonymises an account in the caller's transaction: the name becomes "Former
 * member of staff", the email an address at the reserved .invalid domain, the
 * password and second factors go, the account is disabled and its sessions
 * end, its memberships go. What it authored keeps its id, so it now shows as
 * written by a former member of staff. Mail addressed to it and invitations to
 * its address are deleted (they hold the address).
 */
export async function anonymiseUser(
  trx: Kysely<DB>,
  user: { id: string; email: string },
  now: Date,
) {
  await trx
    .updateTable("users")
    .set({
      name: FORMER_STAFF_NAME,
      email: `erased-${user.id}@erased.invalid`,
      // No password hashes to this: signing in with a password is impossible.
      password_hash: "erased",
      disabled_at: now,
      calendar_token_hash: null,
      reminders_enabled: false,
    })
    .where("id", "=", user.id)
    .execute();
  const sessionsEnded = await deleteSessionsOfUser(trx, user.id);
  for (const table of [
    "memberships",
    "user_totp",
    "recovery_codes",
    "known_devices",
    "sign_in_links",
    "password_resets",
    "second_factor_challenges",
    "sso_identities",
    "passkeys",
    "passkey_challenges",
  ] as const) {
    await trx.deleteFrom(table).where("user_id", "=", user.id).execute();
  }
  await trx
    .deleteFrom("outbox")
    .where((eb) => eb.or([eb("user_id", "=", user.id), eb("to_email", "=", user.email)]))
    .execute();
  const erasedEmail = `erased-${user.id}@erased.invalid`;
  await trx
    .updateTable("invitations")
    .set({ email: erasedEmail, revoked_at: now })
    .where("email", "=", user.email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  await trx
    .updateTable("invitations")
    .set({ email: erasedEmail })
    .where("email", "=", user.email)
    .execute();
  return { sessionsEnded };
}
