import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { ROLE_LABELS, type Role, type ScopeType } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import type { Actor, AppDeps } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { recordAudit } from "../audit/store.ts";
import { findUserByEmail, listMemberships } from "../users/store.ts";
import { createInvitation } from "./store.ts";

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
      input.teamEnrolmentId &&
      (await trx
        .selectFrom("team_members")
        .select("id")
        .where("enrolment_id", "=", input.teamEnrolmentId)
        .where("user_id", "=", existing.id)
        .executeTakeFirst());
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

export function appOrigin(deps: AppDeps, request: FastifyRequest): string {
  return deps.config.publicUrl ?? `${request.protocol}://${request.headers.host ?? "localhost"}`;
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
          `Open this link to set your name and password:\n${url}\n\n` +
          "The link works once and expires in 7 days. If you were not expecting it, ignore this email.",
      });
      return { emailed: true };
    } catch (error) {
      request.log.warn({ err: error }, "invitation email could not be sent");
    }
  }
  return { emailed: false, url };
}
