/**
 * Single sign-on with OpenID Connect: the rules over what a provider said about
 * the person (its ID token's and user info's claims), with no I/O. The module
 * `server/modules/sso/` fetches the claims; these rules decide what they allow.
 */

/**
 * The `amr` (authentication methods references, RFC 8176) values that show the
 * provider checked more than a password: `mfa` itself, one-time codes, hardware
 * and software keys, FIDO, proof of possession, biometrics, SMS and phone
 * confirmation. Microsoft Entra ID sends `mfa`; Google sends no `amr`.
 */
export const MFA_AMR_VALUES: readonly string[] = [
  "mfa",
  "otp",
  "hwk",
  "swk",
  "fido",
  "pop",
  "sc",
  "fpt",
  "face",
  "iris",
  "retina",
  "vbm",
  "sms",
  "tel",
];

/** The domain of an email address, lower case; undefined when it has none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return undefined;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/** A domain as an administrator may type it: lower case, no "@", no spaces. */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@/, "");
}

/**
 * Whether the provider's email is in one of the domains the administrator
 * allowed for it. Exact domains only: `school.org` does not allow
 * `evil.school.org`, nor `notschool.org`. No domains allows no one.
 */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  if (!domain) return false;
  return allowedDomains.map(normaliseDomain).includes(domain);
}

/**
 * Whether the provider vouches that the person controls the email: only an
 * explicit `email_verified` of true (some providers send the string "true").
 */
export function emailVerified(claim: unknown): boolean {
  return claim === true || claim === "true";
}

/**
 * The email-verified claim of an ID token or user info: `email_verified` where the
 * provider sends it; else Microsoft Entra ID's optional claim `xms_edov` ("email
 * domain owner verified": the tenant owns the address's domain), which Entra sends
 * in place of `email_verified`; else nothing (unverified).
 */
export function emailVerifiedClaim(claims: Readonly<Record<string, unknown>>): unknown {
  if (claims.email_verified !== undefined) return claims.email_verified;
  return claims.xms_edov;
}

/** Whether the `amr` claim shows the provider checked a second factor. */
export function amrShowsMfa(amr: unknown): boolean {
  if (!Array.isArray(amr)) return false;
  return amr.some((value) => typeof value === "string" && MFA_AMR_VALUES.includes(value));
}

/** What the provider said, reduced to what the rules read. */
export interface ProviderClaims {
  subject: string;
  email: string | undefined;
  emailVerified: unknown;
  amr: unknown;
}

export type ClaimsRefusal = "no_email" | "email_unverified" | "domain_not_allowed";

/** Whether the claims may sign anyone in at all, with the normalised email when they may. */
export function judgeClaims(
  claims: ProviderClaims,
  allowedDomains: readonly string[],
): { ok: true; email: string; mfa: boolean } | { ok: false; reason: ClaimsRefusal } {
  const email = claims.email?.trim().toLowerCase();
  if (!email || !emailDomain(email)) return { ok: false, reason: "no_email" };
  if (!emailVerified(claims.emailVerified)) return { ok: false, reason: "email_unverified" };
  if (!emailDomainAllowed(email, allowedDomains))
    return { ok: false, reason: "domain_not_allowed" };
  return { ok: true, email, mfa: amrShowsMfa(claims.amr) };
}

/**
 * Whom a sign-in is for, given what is stored:
 * - `byIdentity`: the account already bound to this provider's subject. It
 *   wins: the subject is the provider's stable name for the person, an email
 *   can change hands.
 * - `byEmail`: the account with the verified email; if that account has no
 *   subject bound at this provider yet, the subject is bound to it now (once).
 *   If it has another subject bound there, someone else at the provider now
 *   holds the address: refused.
 * - neither: no account (`none`); an invitation can make one.
 */
export type AccountMatch =
  | { kind: "identity"; userId: string }
  | { kind: "bind"; userId: string }
  | { kind: "bound_to_another_subject"; userId: string }
  | { kind: "none" };

export function matchAccount(input: {
  /** The account bound to (provider, subject), if any. */
  byIdentity: { userId: string } | undefined;
  /** The account with the verified email, if any, and whether it has a subject at this provider. */
  byEmail: { userId: string; hasIdentityAtProvider: boolean } | undefined;
}): AccountMatch {
  if (input.byIdentity) return { kind: "identity", userId: input.byIdentity.userId };
  if (!input.byEmail) return { kind: "none" };
  if (input.byEmail.hasIdentityAtProvider) {
    return { kind: "bound_to_another_subject", userId: input.byEmail.userId };
  }
  return { kind: "bind", userId: input.byEmail.userId };
}

/** An invitation is accepted by SSO only by the very address it was sent to. */
export function invitationMatchesEmail(invitedEmail: string, verifiedEmail: string): boolean {
  return invitedEmail.trim().toLowerCase() === verifiedEmail.trim().toLowerCase();
}
