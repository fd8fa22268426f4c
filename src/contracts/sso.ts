import { z } from "zod";

/*
 * Single sign-on with OpenID Connect: the providers an administrator
 * configures, the list the sign-in page shows, and the errors the callback
 * sends the browser back with.
 */

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An issuer: https, with no query or fragment (plain http only on this computer, for tests). */
export const issuerSchema = z
  .string()
  .trim()
  .max(300, "An issuer URL is at most 300 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      const secure =
        url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
      return secure && url.search === "" && url.hash === "" && url.username === "";
    } catch {
      return false;
    }
  }, "Enter the provider's issuer URL, starting https:// (for example https://accounts.google.com).")
  .transform((value) => value.replace(/\/+$/, "") || value);

/** A domain people's email addresses end in: letters, digits, hyphens and dots. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        "Enter a domain such as school.org.",
      ),
  );

const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the name people see on the button.")
  .max(80, "At most 80 characters.");
const clientIdSchema = z
  .string()
  .trim()
  .min(1, "Enter the client ID the provider gave you.")
  .max(300, "At most 300 characters.");
const clientSecretSchema = z
  .string()
  .min(1, "Enter the client secret the provider gave you.")
  .max(1000, "At most 1000 characters.");
const allowedDomainsSchema = z
  .array(emailDomainSchema)
  .min(1, "Allow at least one email domain.")
  .max(20, "At most 20 domains.");

export const ssoProviderBodySchema = z.strictObject({
  displayName: displayNameSchema,
  issuer: issuerSchema,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  allowedDomains: allowedDomainsSchema,
  enabled: z.boolean().optional(),
});
export type SsoProviderBody = z.infer<typeof ssoProviderBodySchema>;

/** A change: only what is given changes; no client secret keeps the stored one. */
export const ssoProviderPatchSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  issuer: issuerSchema.optional(),
  clientId: clientIdSchema.optional(),
  clientSecret: clientSecretSchema.optional(),
  allowedDomains: allowedDomainsSchema.optional(),
  enabled: z.boolean().optional(),
});
export type SsoProviderPatch = z.infer<typeof ssoProviderPatchSchema>;

/** A provider as administrators see it: the secret is never sent back, only that it is set. */
export const ssoProviderSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.literal("set"),
  allowedDomains: z.array(z.string()),
  enabled: z.boolean(),
  /** The address to register at the provider as the redirect URI. */
  redirectUri: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;

export const ssoProviderListSchema = z.object({
  providers: z.array(ssoProviderSchema),
  redirectUri: z.string(),
});
export type SsoProviderList = z.infer<typeof ssoProviderListSchema>;

/** What the sign-in page needs: the enabled providers' ids and names. */
export const publicSsoProvidersSchema = z.object({
  providers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
});
export type PublicSsoProviders = z.infer<typeof publicSsoProvidersSchema>;

export const ssoStartQuerySchema = z.strictObject({
  /** An invitation's token, to accept it by signing in with the provider. */
  invitation: z.string().min(1).max(100).optional(),
});

/** The provider's answer; the callback reads the whole address, these are only checked for size. */
export const ssoCallbackQuerySchema = z.looseObject({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  iss: z.string().max(300).optional(),
});

/** Why a single sign-on did not sign anyone in: the callback redirects with `?sso_error=<code>`. */
export const SSO_ERRORS = {
  state:
    "That sign-in could not be matched to one started in this browser, or it took too long. Start again from the sign-in page.",
  provider:
    "The provider did not confirm the sign-in (the answer was refused, already used or expired). Start again from the sign-in page.",
  cancelled: "The sign-in was cancelled at the provider.",
  unavailable:
    "That single sign-on provider is not available at the moment. Sign in another way, or ask an administrator.",
  email_missing: "The provider did not give an email address for your account.",
  email_unverified:
    "The provider has not verified your email address, so Cascade cannot use it to sign you in.",
  domain_not_allowed:
    "Your email address is not in a domain allowed for this provider. Sign in another way, or ask an administrator.",
  no_account:
    "There is no Cascade account for that email address. Ask an administrator for an invitation.",
  linked_elsewhere:
    "This Cascade account is already linked to a different account at that provider.",
  disabled: "This account is disabled. Ask an administrator if you think that is wrong.",
  invitation:
    "That invitation has already been used, has expired or was withdrawn. Ask for a new one.",
  invitation_email:
    "The invitation was sent to a different email address from the one the provider gave. Sign in at the provider with the invited address.",
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

export function ssoErrorMessage(code: string | null | undefined): string | undefined {
  return code && Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code as SsoErrorCode] : undefined;
}
