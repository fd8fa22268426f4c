import type { Kysely } from "kysely";
import type { SsoErrorCode } from "../../../contracts/sso.ts";
import type { DB } from "../../../db/schema.ts";
import { emailDomain, judgeClaims, matchAccount } from "../../../domain/single-sign-on.ts";
import { newToken } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import type { AppDeps } from "../../context.ts";
import { hashPassword } from "../auth/passwords.ts";
import { joinInvitation, type UsableInvitation } from "../invitations/service.ts";
import { findUsableInvitationById } from "../invitations/store.ts";
import { replaceSession } from "../mfa/store.ts";
import { findUserByEmail, insertUser } from "../users/store.ts";
import type { VerifiedClaims } from "./oidc-client.ts";
import { ssoPolicy } from "./policy.ts";
import {
  accountForSignIn,
  bindIdentity,
  hasIdentityAt,
  identityBySubject,
  type ProviderRow,
  touchIdentity,
} from "./store.ts";

type Client = { ip: string; userAgent: string | null };

export type SsoOutcome =
  | {
      ok: true;
      userId: string;
      session: { token: string; expiresAt: Date };
      pendingMembershipId?: string;
    }
  | { ok: false; code: SsoErrorCode; userId?: string };

/** Rolls back an account made for an invitation another request used meanwhile. */
class InvitationTakenMeanwhile extends Error {}

/**
 * After the provider's answer passed the library's checks: decides whom the
 * claims sign in (the rules in domain/single-sign-on.ts), binds the subject
 * the first time, accepts the invitation if the sign-in carried one, and
 * starts the session, in one transaction. The session counts as multi-factor
 * (`oidc_mfa`) only when the provider's `amr` shows a second factor; otherwise
 * (`oidc`) the network's second-factor policy applies as after a password.
 */
export async function completeSsoSignIn(
  deps: Pick<AppDeps, "db">,
  input: {
    provider: ProviderRow;
    claims: VerifiedClaims;
    invitationId: string | null;
    previousSessionId: string | undefined;
    client: Client;
    now: Date;
  },
): Promise<SsoOutcome> {
  const { provider, claims, now, client } = input;
  const judged = judgeClaims(claims, provider.allowed_domains);
  if (!judged.ok) {
    return { ok: false, code: judged.reason === "no_email" ? "email_missing" : judged.reason };
  }
  const method = judged.mfa ? "oidc_mfa" : "oidc";
  const email = judged.email;

  const identity = await identityBySubject(deps.db, provider.id, claims.subject);
  const byEmail = identity ? undefined : await findUserByEmail(deps.db, email);
  const match = matchAccount({
    byIdentity: identity ? { userId: identity.userId } : undefined,
    byEmail: byEmail
      ? {
          userId: byEmail.id,
          hasIdentityAtProvider: await hasIdentityAt(deps.db, provider.id, byEmail.id),
        }
      : undefined,
  });
  if (match.kind === "bound_to_another_subject") {
    return { ok: false, code: "linked_elsewhere", userId: match.userId };
  }
  const account = match.kind === "none" ? undefined : await accountForSignIn(deps.db, match.userId);
  if (account && !ssoPolicy.signInWith(account)) {
    return { ok: false, code: "disabled", userId: account.id };
  }

  let invitation: UsableInvitation | undefined;
  if (input.invitationId) {
    invitation = await findUsableInvitationById(deps.db, input.invitationId, now);
    if (!invitation) return { ok: false, code: "invitation", userId: account?.id };
    if (!ssoPolicy.acceptInvitation(invitation, email)) {
      return { ok: false, code: "invitation_email", userId: account?.id };
    }
    // An account bound by subject must be the invited one too.
    if (account && account.email.toLowerCase() !== invitation.email.toLowerCase()) {
      return { ok: false, code: "invitation_email", userId: account.id };
    }
  } else if (!account) {
    return { ok: false, code: "no_account" };
  }

  // A new account gets a password nobody knows: the person can set one by "forgot password".
  const unusablePassword = account ? undefined : await hashPassword(newToken());
  try {
    return await deps.db.transaction().execute(async (trx): Promise<SsoOutcome> => {
      const userId =
        account?.id ??
        (await insertUser(trx, {
          email,
          name: nameFrom(claims.name, email),
          passwordHash: unusablePassword as string,
          createdAt: now,
        }));
      await bindOrTouch(trx, { provider, subject: claims.subject, userId, identity, now, client });
      let pendingMembershipId: string | undefined;
      if (invitation) {
        const joined = await joinInvitation(trx, invitation, userId, now, client.ip);
        if (!joined) throw new InvitationTakenMeanwhile();
        pendingMembershipId = joined.pendingMembershipId;
      }
      const session = await replaceSession(
        trx,
        userId,
        input.previousSessionId,
        now,
        client,
        method,
      );
      await recordAudit(trx, now, {
        action: "auth.signed_in",
        actorUserId: userId,
        ip: client.ip,
        targetType: "sso_provider",
        targetId: provider.id,
        details: {
          via: "sso",
          mfa: judged.mfa,
          ...(invitation ? { invitationId: invitation.id, newAccount: !account } : {}),
        },
      });
      return { ok: true, userId, session, pendingMembershipId };
    });
  } catch (error) {
    if (error instanceof InvitationTakenMeanwhile) {
      return { ok: false, code: "invitation", userId: account?.id };
    }
    throw error;
  }
}

async function bindOrTouch(
  trx: Kysely<DB>,
  input: {
    provider: ProviderRow;
    subject: string;
    userId: string;
    identity: { id: string } | undefined;
    now: Date;
    client: Client;
  },
): Promise<void> {
  if (input.identity) {
    await touchIdentity(trx, input.identity.id, input.now);
    return;
  }
  const id = await bindIdentity(
    trx,
    { userId: input.userId, providerId: input.provider.id, subject: input.subject },
    input.now,
  );
  await recordAudit(trx, input.now, {
    action: "sso.identity_linked",
    actorUserId: input.userId,
    ip: input.client.ip,
    targetType: "sso_identity",
    targetId: id,
    details: { providerId: input.provider.id },
  });
}

/** The name a new account starts with: the provider's, else the email's local part. */
function nameFrom(name: string | undefined, email: string): string {
  const trimmed = name?.trim().slice(0, 200);
  if (trimmed) return trimmed;
  const local = email.slice(0, email.length - (emailDomain(email)?.length ?? 0) - 1);
  return local || email;
}

/** The audit row of a single sign-on that signed no one in, with why. */
export async function recordSsoFailure(
  db: Kysely<DB>,
  now: Date,
  failure: {
    code: SsoErrorCode;
    ip: string;
    providerId?: string;
    userId?: string;
    detail?: string;
  },
): Promise<void> {
  await recordAudit(db, now, {
    action: "auth.sso_failed",
    actorUserId: null,
    ip: failure.ip,
    targetType: failure.userId ? "user" : failure.providerId ? "sso_provider" : undefined,
    targetId: failure.userId ?? failure.providerId,
    details: {
      reason: failure.code,
      ...(failure.providerId ? { providerId: failure.providerId } : {}),
      ...(failure.detail ? { detail: failure.detail.slice(0, 200) } : {}),
    },
  });
}
