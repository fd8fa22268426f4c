import type { Kysely } from "kysely";
import type { Role, ScopeType } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { teamRoleOf } from "../../../domain/team-composition.ts";
import { hashToken, newToken } from "../../access/sessions.ts";
import { REMOVED_SCOPE, scopeNamesOf } from "../users/store.ts";

/** Three days: long enough to reach a busy teacher, short enough that a forwarded link goes stale. */
export const INVITATION_LIFETIME_MS = 72 * 60 * 60 * 1000;

export interface InvitationInput {
  email: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  invitedBy: string;
  teamEnrolmentId?: string | null;
  subject?: string | null;
  /** The membership it makes waits for a second person's approval. */
  needsApproval?: boolean;
}

const columns = [
  "id",
  "email",
  "role",
  "scope_type",
  "scope_id",
  "created_at",
  "expires_at",
  "accepted_at",
  "revoked_at",
  "team_enrolment_id",
  "subject",
  "invited_by",
  "needs_approval",
] as const;

/** Creates an invitation; an earlier unanswered one for the same email and role is replaced. */
export async function createInvitation(db: Kysely<DB>, input: InvitationInput, now: Date) {
  await db
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("email", "=", input.email)
    .where("role", "=", input.role)
    .where("scope_type", "=", input.scopeType)
    .where((eb) =>
      input.scopeId === null ? eb("scope_id", "is", null) : eb("scope_id", "=", input.scopeId),
    )
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  const token = newToken();
  const row = await db
    .insertInto("invitations")
    .values({
      token_hash: hashToken(token),
      email: input.email,
      role: input.role,
      scope_type: input.scopeType,
      scope_id: input.scopeId,
      invited_by: input.invitedBy,
      team_enrolment_id: input.teamEnrolmentId ?? null,
      subject: input.subject ?? null,
      needs_approval: input.needsApproval ?? false,
      created_at: now,
      expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { row, token };
}

/** The invitation behind a token, if it can still be accepted. */
export async function findUsableInvitation(db: Kysely<DB>, token: string, now: Date) {
  const row = await db
    .selectFrom("invitations")
    .select(columns)
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.accepted_at !== null || row.revoked_at !== null) return undefined;
  if (row.expires_at.getTime() <= now.getTime()) return undefined;
  return row;
}

/** Marks it used; false when another request used it first. */
export async function markAccepted(
  db: Kysely<DB>,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ accepted_at: now, accepted_by: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Invitations not yet answered, newest first, each with its scope's readable name, in one query. */
export async function listPendingInvitations(db: Kysely<DB>, now: Date) {
  const rows = await db
    .selectFrom("invitations")
    .select(columns)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
  const nameOf = await scopeNamesOf(db, rows);
  return rows.map((row) => ({ ...row, scope_name: nameOf(row) ?? REMOVED_SCOPE }));
}

export async function revokeInvitation(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the person already has a place on this enrolment's team. */
export async function isOnTeam(db: Kysely<DB>, enrolmentId: string, userId: string) {
  const row = await db
    .selectFrom("team_members")
    .select("id")
    .where("enrolment_id", "=", enrolmentId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the person the team place an invitation carried (kept as it is if they have one). */
export async function joinTeam(
  db: Kysely<DB>,
  place: { enrolmentId: string; userId: string; role: Role; subject: string | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto("team_members")
    .values({
      enrolment_id: place.enrolmentId,
      user_id: place.userId,
      team_role: teamRoleOf(place.role),
      subject: place.subject,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(["enrolment_id", "user_id"]).doNothing())
    .execute();
}

/** The invitation with this id while it is still usable (single sign-on keeps the id, not the token). */
export async function findUsableInvitationById(db: Kysely<DB>, id: string, now: Date) {
  const row = await db
    .selectFrom("invitations")
    .select(columns)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.accepted_at !== null || row.revoked_at !== null) return undefined;
  if (row.expires_at.getTime() <= now.getTime()) return undefined;
  return row;
}
