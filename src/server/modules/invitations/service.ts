import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { ROLE_LABELS, type Role, type ScopeType } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { createSession } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import type { Actor, AppDeps } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { appOrigin as originFor } from "../../origin.ts";
import { grantNeedsApproval } from "../memberships/policy.ts";
import { addMembership, findUserByEmail, insertUser, listMemberships } from "../users/store.ts";
import {
  createInvitation,
  type findUsableInvitation,
  isOnTeam,
  joinTeam,
  markAccepted,
} from "./store.ts";

export interface InvitationRequest {
  email: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  /** Joining this enrolment's team on acceptance, with this subject. */
  teamEnrolmentId?: string | null;
  subject?: string | null;
}

export type PreparedInvitation = Awaited<ReturnType<typeof createInvitation>> & {
  email: string;
  role: Role;
};

/**
 * Records an invitation inside the caller's transaction (and audits it). Mail
 * goes out only after the transaction commits: see deliverInvitation.
 */
export async function prepareInvitation(
  trx: Kysely<DB>,
  actor: Actor,
  input: InvitationRequest,
  now: Date,
  ip: string,
): Promise<PreparedInvitation> {
  const existing = await findUserByEmail(trx, input.email);
  if (existing) {
    const held = (await listMemberships(trx, existing.id)).some(
      (m) =>
        m.role === input.role && m.scopeType === input.scopeType && m.scopeId === input.scopeId,
    );
    const onTeam =
      input.teamEnrolmentId && (await isOnTeam(trx, input.teamEnrolmentId, existing.id));
    if (onTeam || (held && !input.teamEnrolmentId)) {
      throw new Conflict(`${input.email} already holds this role.`, {
        errors: [{ field: "email", message: "This person already holds this role." }],
      });
    }
  }
  const created = await createInvitation(
    trx,
    {
      email: input.email,
      role: input.role,
      scopeType: input.scopeType,
      scopeId: input.scopeId,
      invitedBy: actor.userId,
      teamEnrolmentId: input.teamEnrolmentId ?? null,
      subject: input.subject ?? null,
      needsApproval: grantNeedsApproval(actor, input.role, input.scopeId),
    },
    now,
  );
  await recordAudit(trx, now, {
    action: "invitation.sent",
    actorUserId: actor.userId,
    targetType: "invitation",
    targetId: created.row.id,
    ip,
    details: { role: input.role, scopeType: input.scopeType, scopeId: input.scopeId },
  });
  return { ...created, email: input.email, role: input.role };
}

/** Where links into the app point: see origin.ts for why the Host header is not trusted. */
export function appOrigin(deps: AppDeps, request: FastifyRequest): string {
  return originFor(deps.config, request);
}

/**
 * Emails the one-time link when a mail server is configured. Returns the link
 * when it was not emailed, so the inviter can pass it on.
 */
export async function deliverInvitation(
  deps: AppDeps,
  request: FastifyRequest,
  actor: Actor,
  invitation: PreparedInvitation,
  scopeName: string,
): Promise<{ emailed: boolean; url?: string }> {
  const url = `${appOrigin(deps, request)}/invitation#token=${invitation.token}`;
  if (deps.mailer.configured) {
    const role = ROLE_LABELS[invitation.role].toLowerCase();
    try {
      await deps.mailer.send({
        to: invitation.email,
        subject: `You are invited to Cascade as ${role}`,
        text:
          `${actor.name} has invited you to join Cascade as ${role} (${scopeName}).\n\n` +
          `Open this link to accept: choose your name and password, or sign in if you already have a Cascade account.\n${url}\n\n` +
          "The link works once and expires in 72 hours. If you were not expecting it, ignore this email.",
      });
      return { emailed: true };
    } catch (error) {
      request.log.warn({ err: error }, "invitation email could not be sent");
    }
  }
  return { emailed: false, url };
}

export type UsableInvitation = NonNullable<Awaited<ReturnType<typeof findUsableInvitation>>>;

/**
 * Uses the invitation up for this account, inside the caller's transaction:
 * the membership, the team place it carries, and the audit row. False when
 * another request used it first. A membership that must wait for approval is
 * made pending, and its id returned so the school's leaders can be told.
 */
export async function joinInvitation(
  trx: Kysely<DB>,
  invitation: UsableInvitation,
  userId: string,
  now: Date,
  ip: string,
): Promise<false | { pendingMembershipId?: string }> {
  if (!(await markAccepted(trx, invitation.id, userId, now))) return false;
  const pendingId = await addMembership(trx, {
    userId,
    role: invitation.role,
    scopeType: invitation.scope_type,
    scopeId: invitation.scope_id,
    pending: invitation.needs_approval,
    grantedBy: invitation.invited_by,
  });
  if (invitation.team_enrolment_id) {
    await joinTeam(
      trx,
      {
        enrolmentId: invitation.team_enrolment_id,
        userId,
        role: invitation.role,
        subject: invitation.subject,
      },
      now,
    );
  }
  await recordAudit(trx, now, {
    action: "invitation.accepted",
    actorUserId: userId,
    targetType: "invitation",
    targetId: invitation.id,
    ip,
    details:
      pendingId && invitation.needs_approval ? { pendingMembershipId: pendingId } : undefined,
  });
  return invitation.needs_approval && pendingId ? { pendingMembershipId: pendingId } : {};
}

/** `prepareInvitation` in a transaction of its own, for a route that does nothing else. */
export async function prepareInvitationAlone(
  db: Kysely<DB>,
  actor: Actor,
  input: InvitationRequest,
  now: Date,
  ip: string,
): Promise<PreparedInvitation> {
  return db.transaction().execute((trx) => prepareInvitation(trx, actor, input, now, ip));
}

/** Writes the audit row of an acceptance that was refused, with why (outside any transaction). */
export async function recordAcceptRefusal(
  db: Kysely<DB>,
  now: Date,
  refusal: { actorUserId: string | null; ip: string; reason: string; invitationId?: string },
): Promise<void> {
  await recordAudit(db, now, {
    action: "invitation.accept_failed",
    actorUserId: refusal.actorUserId,
    targetType: refusal.invitationId ? "invitation" : undefined,
    targetId: refusal.invitationId,
    ip: refusal.ip,
    details: { reason: refusal.reason },
  });
}

/** `joinInvitation` for an account that already exists, in a transaction of its own. */
export async function joinWithAccount(
  db: Kysely<DB>,
  invitation: UsableInvitation,
  userId: string,
  now: Date,
  ip: string,
): Promise<false | { pendingMembershipId?: string }> {
  return db.transaction().execute((trx) => joinInvitation(trx, invitation, userId, now, ip));
}

/**
 * Creates the invited person's account, uses the invitation up for it and
 * signs them in, in one transaction. Null when another request used the
 * invitation first.
 */
export async function joinWithNewAccount(
  db: Kysely<DB>,
  invitation: UsableInvitation,
  account: { name: string; passwordHash: string },
  now: Date,
  client: { ip: string; userAgent: string | null },
) {
  try {
    return await db.transaction().execute(async (trx) => {
      const userId = await insertUser(trx, {
        email: invitation.email,
        name: account.name,
        passwordHash: account.passwordHash,
        createdAt: now,
      });
      const joined = await joinInvitation(trx, invitation, userId, now, client.ip);
      // Someone used the invitation first: the new account must not outlive it.
      if (!joined) throw new InvitationTakenMeanwhile();
      return {
        userId,
        session: await createSession(trx, userId, now, client, "invitation"),
        pendingMembershipId: joined.pendingMembershipId,
      };
    });
  } catch (error) {
    if (error instanceof InvitationTakenMeanwhile) return null;
    throw error;
  }
}

/** Rolls back a new account whose invitation another request used in the meantime. */
class InvitationTakenMeanwhile extends Error {}
